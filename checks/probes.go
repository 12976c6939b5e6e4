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
	// Hidden says what covered the focused element in the window, seen
	// by hit tests at its middle and then at a 3×3 grid over the part of
	// it in the window: "" its middle showed; "partly" another point
	// showed it; "entirely" opaque fixed or sticky content outside it
	// (Cover) was on top at every point; "covered" other content was;
	// "out" no part of it was in the window.
	Hidden string `json:"hidden,omitempty"`
	// Cover is the fixed or sticky element that hid it entirely, Top the
	// element on top at its middle (indexes in Page.Nodes); -1 for one
	// the snapshot did not capture, 0 when Hidden is "" (or "out").
	Cover int `json:"cover,omitempty"`
	Top   int `json:"top,omitempty"`
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
	// Links are the links in blocks of text that link-in-text-block
	// asked about (LinkTargets), as the probe saw them.
	Links []LinkLook `json:"links,omitempty"`
}

// LinkLook is what the hover probe saw of one link in a block of text:
// the marks its ::before and ::after draw, and, for the links it tried,
// what changed on the link (and its ::before and ::after) when the
// pointer was over it and when it had focus.
type LinkLook struct {
	Node int `json:"node"` // index in Page.Nodes
	// Marks are the ::before and ::after of the link that draw something
	// (a character, an image, a box with a background or border), as
	// "::after url(…)".
	Marks []string `json:"marks,omitempty"`
	// Hovered: the pointer was over the link; Hover are the changes that
	// made (Node is the link; Prop is "::after width" for its ::after).
	Hovered bool          `json:"hovered,omitempty"`
	Hover   []StyleChange `json:"hover,omitempty"`
	// Focused: the link took focus; Focus are the changes that made.
	Focused bool          `json:"focused,omitempty"`
	Focus   []StyleChange `json:"focus,omitempty"`
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

// ControlLook is what the controls probe read in the live page of one
// element non-text-contrast asked about (ControlTargets): the four
// borders of a text field, and what the icon of a control without
// visible text is painted with.
type ControlLook struct {
	Node int `json:"node"` // index in Page.Nodes
	// Borders are the element's top, right, bottom and left borders, as
	// "width style colour" ("1px solid rgb(118, 118, 118)").
	Borders []string `json:"borders,omitempty"`
	// Icon is what the element's content paints, its text and form
	// fields aside, in document order (at most 12).
	Icon []IconPaint `json:"icon,omitempty"`
}

// IconPaint is one colour an icon is painted with, or a picture whose
// colours saavu does not read.
type IconPaint struct {
	// What: "fill" or "stroke" of an SVG shape, "glyph" a character (of
	// an icon font, or drawn by ::before or ::after), "box" the
	// background or border of an empty box (the bars of a menu icon),
	// "image" a picture (an <img>, a background image, an SVG paint
	// server), whose colours are not read.
	What  string  `json:"what"`
	Color string  `json:"color,omitempty"` // computed CSS colour, for all but "image"
	Alpha float64 `json:"alpha,omitempty"` // opacity inside the control (fill-opacity, opacity of the shape and its ancestors up to the control); 0 means 1
	Box   Rect    `json:"box"`             // CSS px from the control's top left corner
}

// ControlOf returns what the controls probe read of the element, or nil.
func (p *Page) ControlOf(n *Node) *ControlLook {
	for i := range p.Controls {
		if p.Controls[i].Node == n.Index {
			return &p.Controls[i]
		}
	}
	return nil
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

// MovingView is what the moving-content probe saw: the elements that
// moved, blinked or scrolled by themselves, for more than 5 seconds, when
// it looked, and what they did when saavu asked for reduced motion or
// pressed a control near them.
type MovingView struct {
	Items []Moving `json:"items,omitempty"`
}

// Moving is one element that moves by itself.
type Moving struct {
	Node int `json:"node"` // index in Page.Nodes; -1 for an element the snapshot did not capture
	// Kind is what moves: "animation" (a CSS animation or a Web
	// Animation), "transition" (a CSS transition), "image" (an animated
	// GIF, PNG or WebP, in an img element or as a CSS background),
	// "marquee" or "video".
	Kind string `json:"kind"`
	// Name is the animation's name (@keyframes; empty for a script's
	// animation), the transition's property, the image's address, the
	// marquee's text, the video's file name.
	Name   string   `json:"name,omitempty"`
	Pseudo string   `json:"pseudo,omitempty"` // "::before", "::after": the animation moves that pseudo-element of Node
	Props  []string `json:"props,omitempty"`  // the CSS properties an animation changes
	Period int      `json:"period,omitempty"` // ms of one iteration: of the animation, one play of the image, one pass of the marquee, the video
	Total  int      `json:"total"`            // ms the motion lasts from its start; -1 forever
	Frames int      `json:"frames,omitempty"` // frames of an animated image
	// Reduced says that it stopped (or was hidden or replaced) when the
	// page was shown with prefers-reduced-motion: reduce.
	Reduced bool `json:"reduced,omitempty"`
	// Controls are the controls near it, or naming it in aria-controls,
	// that may pause, stop or hide it, and those of the page named for
	// stopping animations.
	Controls []MovingControl `json:"controls,omitempty"`
}

// MovingControl is a control that may pause, stop or hide what moves.
type MovingControl struct {
	Node int    `json:"node"` // index in Page.Nodes; -1 when not captured
	Name string `json:"name"` // its name, as the probe read it
	// Action is what its name says it does: "pause" (pause, stop, play,
	// or no name but a class or id that says so) or "hide" (close,
	// hide; saavu does not press those).
	Action string `json:"action"`
	// Far: it is not near what moves (a control of the page named for
	// pausing, or for stopping animations).
	Far bool `json:"far,omitempty"`
	// Pressed: saavu clicked it (and again, to put the page back).
	Pressed bool `json:"pressed,omitempty"`
	// Stops: the click stopped the motion.
	Stops bool `json:"stops,omitempty"`
}

// TargetsView is what the targets probe measured for the target size rule:
// the size the browser itself gives the page's small form controls.
type TargetsView struct {
	// UA lists the form controls (input, select, textarea, button)
	// smaller than 24 × 24 CSS px, each with the size of a copy of it
	// that no style sheet of the page touches: equal sizes mean that the
	// browser, not the page, decides its size.
	UA []UASize `json:"ua,omitempty"`
}

// UASize is the browser's own size of a form control (see TargetsView).
type UASize struct {
	Node int     `json:"node"` // index in Page.Nodes
	W    float64 `json:"w"`    // CSS px
	H    float64 `json:"h"`
}

// UASizeOf returns the browser's own size of the form control n, or nil
// when the probe did not measure it.
func (v *TargetsView) UASizeOf(n *Node) *UASize {
	for i := range v.UA {
		if v.UA[i].Node == n.Index {
			return &v.UA[i]
		}
	}
	return nil
}

// PasteView is what the paste probe saw when it pasted into each
// password field of the page (a synthetic paste event, which inserts
// nothing by itself: only the page's handlers act on it).
type PasteView struct {
	Fields []PasteField `json:"fields,omitempty"`
}

// PasteField is one password field and what the page did with a paste.
type PasteField struct {
	Node int `json:"node"` // index in Page.Nodes; -1 for a field the snapshot did not capture
	// Blocked: a handler of the page cancelled the paste (preventDefault,
	// or onpaste="return false") and put nothing in the field itself.
	Blocked bool `json:"blocked,omitempty"`
}

// DragView is what the drag probe found: the elements of the page with
// listeners of the events that dragging needs.
type DragView struct {
	Elements []DragListen `json:"elements,omitempty"`
}

// DragListen is one element and the drag events it listens to, sorted:
// pointerdown, pointermove, mousedown, mousemove, touchstart, touchmove,
// dragstart, drop. Node 0 is the document (and the window).
type DragListen struct {
	Node   int      `json:"node"`
	Events []string `json:"events"`
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
	ProbeMoving      Probe = "moving"      // Moving
	ProbeFocus       Probe = "focus"       // Focus
	ProbeOrientation Probe = "orientation" // Rotations
	ProbeScroll      Probe = "scroll"      // Scrollers
	ProbeBackdrop    Probe = "backdrop"    // Backdrops
	ProbeSpacing     Probe = "spacing"     // Spacing
	ProbeHover       Probe = "hover"       // Hover
	ProbeInput       Probe = "input"       // Keys, Motion
	ProbePaste       Probe = "paste"       // Paste
	ProbeDrag        Probe = "drag"        // Drag
	ProbeTargets     Probe = "targets"     // Targets
	ProbeActivate    Probe = "activate"    // Activate
	ProbeZoom        Probe = "zoom"        // Zoom
	ProbeReflow      Probe = "reflow"      // Reflow
	ProbeControls    Probe = "controls"    // Controls
)

// Probes lists every probe.
var Probes = []Probe{ProbeAuto, ProbeMedia, ProbeMoving, ProbeFocus, ProbeOrientation, ProbeScroll, ProbeBackdrop, ProbeSpacing, ProbeHover, ProbeInput, ProbeActivate, ProbeZoom, ProbeReflow,
	ProbePaste, ProbeDrag, ProbeTargets, ProbeControls}

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
