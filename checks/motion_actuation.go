package checks

// MotionActuation looks for functions worked by moving the device (ACT
// 7677a9 and c249d5). It reads what the input probe saw when it tilted
// and shook the device (Page.Motion).
var MotionActuation = &Rule{
	ID:      "motion-actuation",
	Title:   "What moving the device does can also be done with controls, and can be turned off",
	Doc:     doc("motion-actuation"),
	HelpURL: understanding("2.5.4"),
	WCAG:    []string{"2.5.4"},
	ACT:     []string{"7677a9", "c249d5"},
	Impact:  Serious,
	Probes:  []Probe{ProbeInput},
	Run:     runMotionActuation,
}

// ACT 7677a9 and c249d5 apply to changes of content that motion of the
// device causes: the same change must also be possible with the user
// interface (7677a9), and the response to motion must be possible to
// turn off (c249d5). A page that listens to motion but did not change
// when tilted or shaken passes (as in both rules' first passed example);
// a change gives cantTell, since whether controls do the same, or turn
// the motion off, is for a person to find. No motion listener, the rule
// does not apply.
func runMotionActuation(pass *Pass) error {
	p := pass.Page
	if p.Motion == nil {
		pass.CantTell(nil, "saavu could not try moving the device on this page. Check by hand whether tilting or shaking a phone changes the page.")
		return nil
	}
	if len(p.Motion.Listeners) == 0 {
		return nil
	}
	if len(p.Motion.Reactions) == 0 {
		pass.Passed(nil)
		return nil
	}
	for _, g := range groupReactions(p, p.Motion.Reactions) {
		var how []Text
		for _, in := range g.inputs {
			switch in {
			case "tilt":
				how = append(how, msg("tilting it"))
			case "shake":
				how = append(how, msg("shaking it"))
			}
		}
		pass.CantTell(g.node, "Moving the device (%s) %s. People who cannot hold or move a phone, or whose device is fixed to a wheelchair, cannot do this. Check that buttons or other controls on the page do the same, and that people can turn off the response to motion (so that a tremor does not set it off).", how, g.did)
	}
	return nil
}
