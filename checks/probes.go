package checks

import "slices"

// What the crawler's live-page probes saw. They run after the DOM
// snapshot and the screenshot, in the live page, and their results are
// stored here so that rules stay pure. A probe that could not run leaves
// its field empty (nil) and adds a line to Page.Notes; rules then report
// cantTell.

// MediaState is the state of one audio or video element, read in the
// live page by the media probe.
type MediaState struct {
	Node        int     `json:"node"`                  // index of the element in Page.Nodes
	Fragment    string  `json:"fragment,omitempty"`    // media fragment of the source played ("t=4,6"), without '#'
	Paused      bool    `json:"paused"`                // the paused attribute when probed
	Muted       bool    `json:"muted,omitempty"`       // the muted attribute
	Volume      float64 `json:"volume"`                // 0 to 1
	Duration    float64 `json:"duration,omitempty"`    // seconds; 0 when not known; -1 for an endless stream
	CurrentTime float64 `json:"currentTime,omitempty"` // seconds played (position) when probed
	ReadyState  int     `json:"readyState"`            // HTMLMediaElement.readyState (0 nothing loaded … 4 enough data)
	Error       int     `json:"error,omitempty"`       // MediaError code when the media could not be loaded or decoded
	// Audio says what the probe heard: "audible" (sound in the decoded
	// audio), "silent" (an audio track, silent while listened to, a
	// third of a second), "yes" (audio decoded, not listened to), "no"
	// (video played half a second without any audio), "" (unknown).
	Audio string `json:"audio,omitempty"`
}

// MediaOf returns the probed state of an audio or video element, or nil
// when the probe did not see it.
func (p *Page) MediaOf(n *Node) *MediaState {
	for i := range p.Media {
		if p.Media[i].Node == n.Index {
			return &p.Media[i]
		}
	}
	return nil
}

// FocusWalk is what the focus probe saw when it pressed Tab from the
// start of the page, as a keyboard user would, and Shift+Tab where focus
// seemed stuck.
type FocusWalk struct {
	// Stops are the elements Tab moved focus to, in order.
	Stops []FocusStop `json:"stops"`
	// Back are the stops of Shift+Tab pressed from the last stop, when
	// focus kept coming back to the same elements (a possible trap).
	Back []FocusStop `json:"back,omitempty"`
	// Left says that focus left the page after the last element, so
	// every element in the sequential focus order was reached.
	Left bool `json:"left,omitempty"`
	// Moved says that the page's scripts moved focus by themselves
	// while Tab was pressed, so the stops do not follow Tab alone.
	Moved bool `json:"moved,omitempty"`
	// Limit says that the probe stopped before the end of the page's
	// focus order (too many stops, or too slow).
	Limit bool `json:"limit,omitempty"`
}

// FocusStop is one element that had keyboard focus.
type FocusStop struct {
	Node int `json:"node"` // index of the focused element in Page.Nodes; -1 outside the page (or an element the snapshot did not capture)
	// Frame says that focus was inside an iframe (Node is the iframe).
	Frame bool `json:"frame,omitempty"`
	// Outline is the focused element's computed outline-style and
	// box-shadow while focused ("none none" when both are off).
	Outline string `json:"outline,omitempty"`
	// Changed lists the style changes focus made, compared with the
	// page as captured (nothing focused), on the element, its three
	// nearest ancestors and its neighbouring elements.
	Changed []StyleChange `json:"changed,omitempty"`
	// Restless says that focus did not stay put after the key press: the
	// page kept moving it (two elements that take it back when they
	// lose it steal it from each other). Node is where it was last seen.
	Restless bool `json:"restless,omitempty"`
}

// StyleChange is one computed style property of one element that
// changed when another element (or the element itself) took focus.
type StyleChange struct {
	Node   int    `json:"node"`
	Prop   string `json:"prop"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Rotation is how much an element is rotated by its CSS transform and
// rotate properties, in degrees, with the viewport in portrait and in
// landscape orientation (read by the orientation probe).
type Rotation struct {
	Node      int     `json:"node"`      // index in Page.Nodes
	Portrait  float64 `json:"portrait"`  // degrees, clockwise, -180 to 180
	Landscape float64 `json:"landscape"` // degrees
	// Differs says that the computed transform or rotate differs
	// between the two orientations.
	Differs bool `json:"differs,omitempty"`
}

// HoverView is what the hover probe saw: the content that style sheets
// show when the pointer is over another element, tried with the mouse on
// the first element of each such rule. Popups is empty when the page has
// no such rule, or hovering showed nothing.
type HoverView struct {
	Popups []HoverPopup `json:"popups,omitempty"`
}

// HoverPopup is content that appeared when the pointer was over Trigger,
// or focus on it.
type HoverPopup struct {
	Trigger int `json:"trigger"` // index in Page.Nodes of the element hovered; -1 when not captured
	Popup   int `json:"popup"`   // index in Page.Nodes of the element that appeared; -1 when not captured
	// Hoverable: it stayed when the pointer moved from Trigger onto it.
	Hoverable bool `json:"hoverable"`
	// Dismissed: Escape hid it, the pointer not moved.
	Dismissed bool `json:"dismissed"`
	// Covers: it lies over text, images or form fields of the page.
	Covers bool `json:"covers"`
	// Focus: it appeared when keyboard focus was on or in Trigger, not on
	// hover (Hoverable is then true).
	Focus bool `json:"focus,omitempty"`
}

// InputView is what the input probe saw when it simulated one kind of
// input the page may respond to: single printable keys pressed with
// nothing focused (Page.Keys), or the device tilted and shaken
// (Page.Motion). Every change an input made was undone before the next.
type InputView struct {
	// Listeners say where the page listens to the input's events, as
	// "target event" ("document keydown", "window deviceorientation").
	// None: the input was not tried, nothing can respond to it.
	Listeners []string `json:"listeners,omitempty"`
	// Tried lists the inputs simulated, in order ("a", "+" for keys;
	// "tilt", "shake" for motion).
	Tried []string `json:"tried,omitempty"`
	// Reactions are the inputs that changed the page.
	Reactions []Reaction `json:"reactions,omitempty"`
}

// Reaction is what one simulated input did to the page.
type Reaction struct {
	Input string `json:"input"` // as in InputView.Tried
	// Changed are the elements whose content or attributes the input
	// changed (at most five), indexes in Page.Nodes; for content the
	// input added, the element it was added to. -1 for an element the
	// snapshot did not capture.
	Changed []int `json:"changed,omitempty"`
	// Focus is the element the input moved focus to, or 0 when focus did
	// not move (node 0 is the document, never focused); -1 outside the
	// snapshot.
	Focus int `json:"focus,omitempty"`
	// Scrolled says that the input scrolled the page.
	Scrolled bool `json:"scrolled,omitempty"`
	// Navigate is the address the input made the page go to (saavu
	// stopped the navigation; the page stayed).
	Navigate string `json:"navigate,omitempty"`
}

// AutoView is what the auto-update probe saw: text that changed by itself
// while saavu watched the page and did nothing. It watches only pages
// with repeating timers running (intervals, and timeouts that set
// themselves again) of 0.1 to 5 s.
type AutoView struct {
	// Timers are the periods (ms) of those timers still running at the
	// end of the watch: the changes go on.
	Timers []int `json:"timers,omitempty"`
	// Watched is how long saavu watched (ms); 0: no such timer ran after
	// the snapshot (nor a timeout due within a second that might set
	// itself again), the page was not watched.
	Watched int `json:"watched,omitempty"`
	// Changed are the elements whose text changed, with how often.
	Changed []AutoChange `json:"changed,omitempty"`
}

// Running says that a repeating timer still ran at the end of the
// watch.
func (v *AutoView) Running() bool { return len(v.Timers) > 0 }

// AutoChange is one element whose text changed by itself.
type AutoChange struct {
	Node    int `json:"node"`    // index in Page.Nodes; -1 for an element the snapshot did not capture
	Changes int `json:"changes"` // how many times its text changed while watched
}

// ActivateView is what the activation probe saw when it used the page's
// controls as a person would: it focused every element Tab reaches,
// changed select menus, radio buttons and checkboxes, clicked with the
// mouse the elements that may act on a click, pressed Enter and Space on
// those that take keyboard focus, and hovered the menus whose links are
// hidden. Every change to the page was undone, and whatever would have
// left the page or sent something was held back: navigations, new
// windows, form submissions, and requests other than GET.
type ActivateView struct {
	// Focused is how many elements were focused (on a page that listens
	// to no focus event, how many could have been: focus there can only
	// show them); OnFocus are those whose focus changed the context
	// (3.2.1).
	Focused int      `json:"focused"`
	OnFocus []Effect `json:"onFocus,omitempty"`
	// Changes are the form fields whose value was changed (3.2.2), one
	// for each (a radio button stands for its group); on a page that
	// listens to no change, input or click on them, the fields that
	// could have been, with no effect.
	Changes []ChangeTry `json:"changes,omitempty"`
	// Clicks are the elements clicked (2.1.1): scripted controls, and the
	// controls that open the page's dialogs.
	Clicks []ClickTry `json:"clicks,omitempty"`
	// Menus are the menus whose links were hidden until the pointer was
	// over them.
	Menus []MenuTry `json:"menus,omitempty"`
	// Dialogs are the dialogs the clicks opened.
	Dialogs []DialogTry `json:"dialogs,omitempty"`
	// Limit says that the probe ran out of time before it tried
	// everything.
	Limit bool `json:"limit,omitempty"`
}

// Effect is what one action (a click, a key, focus, a change) did to the
// page, all of it undone or held back. Node is the element acted on.
type Effect struct {
	Node int `json:"node"` // index in Page.Nodes; -1 when not captured
	// Changed are the elements whose content or attributes the action
	// changed (at most five), as in Reaction.
	Changed []int `json:"changed,omitempty"`
	// Focus is the element the page's scripts moved focus to (not the
	// element acted on, nor one around it), 0 when focus did not move,
	// -1 for an element the snapshot did not capture; Blurred: they took
	// focus away, to nothing.
	Focus   int  `json:"focus,omitempty"`
	Blurred bool `json:"blurred,omitempty"`
	// Navigate is the address the page tried to go to, NewWindow that it
	// tried to open it in a new window or tab, Submit the form data it
	// tried to send ("POST https://…", a form or its submit()).
	Navigate  string `json:"navigate,omitempty"`
	NewWindow bool   `json:"newWindow,omitempty"`
	Submit    string `json:"submit,omitempty"`
	// Requests are the fetch and XMLHttpRequest calls the action made
	// ("POST https://…"; those other than GET were held back).
	Requests []string `json:"requests,omitempty"`
	// Print says that it opened the print dialog.
	Print bool `json:"print,omitempty"`
	// Scrolled says that it scrolled the page.
	Scrolled bool `json:"scrolled,omitempty"`
}

// Any reports whether the action did anything.
func (e *Effect) Any() bool {
	return e != nil && (len(e.Changed) > 0 || e.Focus != 0 || e.Blurred || e.Navigate != "" || e.NewWindow ||
		e.Submit != "" || len(e.Requests) > 0 || e.Print || e.Scrolled)
}

// Context reports whether the action changed the context: went to
// another page, opened a window, submitted a form or opened the print
// dialog.
func (e *Effect) Context() bool {
	return e != nil && (e.Navigate != "" || e.NewWindow || e.Submit != "" || e.Print)
}

// ChangeTry is one form field whose value the probe changed, as with
// the keyboard: the next option of a select menu, the next radio button
// of a group, a checkbox ticked or cleared.
type ChangeTry struct {
	Node int `json:"node"` // the select, the radio button checked, the checkbox
	// Effect is what the change did; nil when nothing.
	Effect *Effect `json:"effect,omitempty"`
}

// ClickTry is one element the probe clicked with the mouse, at its
// centre; for one in the sequential focus order but not a native control,
// it then focused it and pressed Enter, then Space.
type ClickTry struct {
	Node int `json:"node"`
	// Listeners are the element's own listeners of clicks and presses
	// ("click", "mousedown", "onclick" for the attribute, "react" for a
	// React onClick), not those of its ancestors.
	Listeners []string `json:"listeners,omitempty"`
	// Missed says that the click could not be tried: other content
	// covers the element's centre.
	Missed bool `json:"missed,omitempty"`
	// Click is what the click did; nil when nothing.
	Click *Effect `json:"click,omitempty"`
	// Keys says that Enter and Space were tried; Enter and Space are
	// what they did (nil when nothing).
	Keys  bool    `json:"keys,omitempty"`
	Enter *Effect `json:"enter,omitempty"`
	Space *Effect `json:"space,omitempty"`
}

// MenuTry is a menu item whose hidden links hovering showed.
type MenuTry struct {
	Trigger int   `json:"trigger"` // the element hovered (a list item of the menu)
	Links   []int `json:"links"`   // the links that appeared
	// Focus says that focusing the item's first focusable element
	// showed them too.
	Focus bool `json:"focus,omitempty"`
	// Toggle is the control of the item tried with Enter, Space and the
	// down arrow (a button, or an element with aria-expanded), 0 when it
	// has none; Keys says that one of those keys showed the links.
	Toggle int  `json:"toggle,omitempty"`
	Keys   bool `json:"keys,omitempty"`
}

// DialogTry is a dialog that a click opened.
type DialogTry struct {
	Opener int `json:"opener"` // the element clicked
	Dialog int `json:"dialog"` // the dialog; -1 when the click created it
	// Modal: aria-modal="true", or a <dialog> opened with showModal().
	Modal bool `json:"modal,omitempty"`
	// FocusIn says that focus moved into the dialog when it opened;
	// Focus is where it was instead (0 nowhere, -1 not captured).
	FocusIn bool `json:"focusIn,omitempty"`
	Focus   int  `json:"focus,omitempty"`
	// Tabs is how many times Tab was pressed in it; Left, that one of
	// those presses took focus out of it, to LeftTo (-1 not captured, 0
	// nowhere).
	Tabs   int  `json:"tabs,omitempty"`
	Left   bool `json:"left,omitempty"`
	LeftTo int  `json:"leftTo,omitempty"`
}

// Probe names one live-page probe of the crawler: the page data it fills
// in. Rules list the probes they read (Rule.Probes), so that a run of some
// rules only can skip the probes no rule of it needs.
type Probe string

// The probes, each with the Page fields it fills in.
const (
	ProbeAuto        Probe = "auto"        // Auto
	ProbeMedia       Probe = "media"       // Media
	ProbeFocus       Probe = "focus"       // Focus
	ProbeOrientation Probe = "orientation" // Rotations
	ProbeScroll      Probe = "scroll"      // Scrollers
	ProbeBackdrop    Probe = "backdrop"    // Backdrops
	ProbeSpacing     Probe = "spacing"     // Spacing
	ProbeHover       Probe = "hover"       // Hover
	ProbeInput       Probe = "input"       // Keys, Motion
	ProbeActivate    Probe = "activate"    // Activate
	ProbeZoom        Probe = "zoom"        // Zoom
	ProbeReflow      Probe = "reflow"      // Reflow
)

// Probes lists every probe.
var Probes = []Probe{ProbeAuto, ProbeMedia, ProbeFocus, ProbeOrientation, ProbeScroll, ProbeBackdrop, ProbeSpacing, ProbeHover, ProbeInput, ProbeActivate, ProbeZoom, ProbeReflow}

// NeededProbes returns the probes that the rules read, in the order of
// Probes.
func NeededProbes(rules []*Rule) []Probe {
	var out []Probe
	for _, pr := range Probes {
		for _, r := range rules {
			if slices.Contains(r.Probes, pr) {
				out = append(out, pr)
				break
			}
		}
	}
	return out
}
