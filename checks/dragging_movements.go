package checks

import (
	"regexp"
	"slices"
	"strings"
)

// DraggingMovements looks for things people drag with the pointer
// (sortable lists, custom sliders, maps) and asks whether they can also be
// used with single clicks or taps (WCAG 2.5.7, new in WCAG 2.2). It reads
// what the drag probe found (Page.Drag): the elements that listen to
// pointer and drag events.
var DraggingMovements = &Rule{
	ID:      "dragging-movements",
	Title:   "What can be dragged can also be done with single clicks",
	Doc:     doc("dragging-movements"),
	HelpURL: understanding("2.5.7"),
	WCAG:    []string{"2.5.7"},
	Impact:  Serious,
	Probes:  []Probe{ProbeDrag},
	Run:     runDraggingMovements,
}

// dragHint matches the classes of the dragging widgets of the web:
// sortable lists, draggable items, sliders, maps.
var dragHint = regexp.MustCompile(`(?i)(^|[\s_-])(sortable|draggable|drag|dnd|slider|range-slider|noui|leaflet-container|ol-viewport|mapboxgl-map|maplibregl-map|gm-style)($|[\s_-])`)

// The rule applies to the elements the page lets people drag, as far as
// saavu can see: an element with pointer (or mouse, or touch) down and
// move listeners of its own; one with a down listener that looks like a
// dragging widget (a class such as sortable, slider or a map library's,
// or the move cursor); an item marked draggable="true" where the page
// listens to HTML drag and drop. A native range slider is not among them:
// clicking its track sets it. Dragging is allowed when a single pointer
// can do the same without dragging (buttons to move an item, to step a
// slider): an element with a button in it (or, for draggable items,
// beside it in their list) passes, as far as saavu can tell; one without
// is cantTell, as the alternative may be elsewhere or be a click on the
// track. A map is cantTell too, whatever its buttons (zoom buttons do not
// pan it). The rule never fails: whether the alternative does the same
// is for a person to judge.
func runDraggingMovements(pass *Pass) error {
	p := pass.Page
	if p.Drag == nil {
		// The probe did not run: only what the markup says.
		for _, n := range p.Elements() {
			if n.Frame == 0 && n.Rendered() && ((strings.EqualFold(n.AttrOr("draggable", ""), "true") && !n.Is("a", "img")) || dragHint.MatchString(n.AttrOr("class", ""))) {
				pass.CantTell(n, "saavu could not see which elements of this page listen to dragging, and this one may be dragged. Check that everything done by dragging here can also be done with single clicks or taps.")
				return nil
			}
		}
		return nil
	}
	events := map[*Node][]string{}
	dnd := false // the page listens to HTML drag and drop somewhere
	for _, l := range p.Drag.Elements {
		n := p.nodeAt(l.Node)
		if slices.Contains(l.Events, "dragstart") || slices.Contains(l.Events, "drop") {
			dnd = true
		}
		if n != nil && n.IsElement() && n.Frame == 0 && !n.Is("html", "body") {
			events[n] = l.Events
		}
	}
	has := func(ev []string, names ...string) bool {
		return slices.ContainsFunc(ev, func(e string) bool { return slices.Contains(names, e) })
	}
	var found []*Node
	for _, n := range p.Elements() {
		if n.Frame != 0 || !n.Rendered() || n.Layout.Box.Empty() || n.Style("visibility") == "hidden" {
			continue
		}
		ev := events[n]
		down := has(ev, "pointerdown", "mousedown", "touchstart")
		switch {
		case down && has(ev, "pointermove", "mousemove", "touchmove"):
		case down && (dragHint.MatchString(n.AttrOr("class", "")) || slices.Contains([]string{"move", "grab", "grabbing"}, n.Style("cursor"))):
		case has(ev, "dragstart"):
		case dnd && strings.EqualFold(n.AttrOr("draggable", ""), "true") && !n.Is("a", "img"):
		default:
			continue
		}
		if slices.ContainsFunc(found, func(f *Node) bool { return contains(f, n) }) {
			continue // inside one found already
		}
		// Draggable items of one list: the list once, by its first item.
		if strings.EqualFold(n.AttrOr("draggable", ""), "true") && slices.ContainsFunc(found, func(f *Node) bool {
			return strings.EqualFold(f.AttrOr("draggable", ""), "true") && f.ParentElement() == n.ParentElement()
		}) {
			continue
		}
		found = append(found, n)
	}
	for _, n := range found {
		area := n
		if strings.EqualFold(n.AttrOr("draggable", ""), "true") && n.ParentElement() != nil {
			area = n.ParentElement()
		}
		var buttons []string
		for _, d := range area.Descendants() {
			if d != n && d.Rendered() && (d.Is("button") || strings.EqualFold(d.AttrOr("role", ""), "button") ||
				(d.Is("input") && slices.Contains([]string{"button", "submit"}, strings.ToLower(d.AttrOr("type", ""))))) {
				if name := strings.TrimSpace(d.AccessibleName()); name != "" && !slices.Contains(buttons, name) {
					buttons = append(buttons, name)
				}
			}
		}
		switch {
		case onMap(n) != nil:
			pass.CantTell(n, "This looks like a map that is moved by dragging. Check that everything dragging does can also be done with single clicks or taps: buttons to move the map (zoom buttons do not move it), or a list of the places it shows.")
		case len(buttons) > 0:
			pass.Passed(n)
		default:
			pass.CantTell(n, "People can drag here with the mouse or a finger (the page listens to %s), and saavu saw no button beside it. Dragging is hard or impossible for people with tremors or who use a head pointer: check that everything done by dragging can also be done with single clicks or taps, e.g. buttons to move an item up and down, or clicking where a slider should go.", strings.Join(eventsOf(n, events), ", "))
		}
	}
	return nil
}

// eventsOf names the drag events the page listens to on n, or "the
// draggable attribute" for an HTML drag and drop item.
func eventsOf(n *Node, events map[*Node][]string) []string {
	if ev := events[n]; len(ev) > 0 {
		return ev
	}
	return []string{"draggable=\"true\""}
}
