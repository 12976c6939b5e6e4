package checks

import (
	"strings"
)

// TDHeadersAttr checks that the headers attribute of a table cell refers
// to other cells of the same table (ACT a25f45).
var TDHeadersAttr = &Rule{
	ID:      "td-headers-attr",
	Title:   "Table cells' headers attributes refer to cells of the same table",
	Doc:     doc("td-headers-attr"),
	HelpURL: understanding("1.3.1"),
	WCAG:    []string{"1.3.1"},
	ACT:     []string{"a25f45"},
	Impact:  Serious,
	Run:     runTDHeadersAttr,
}

// ACT a25f45 applies to the headers attribute of each cell (td, th) of a
// visible table element whose role is table or grid. Each id in it must
// name another cell of the same table.
func runTDHeadersAttr(pass *Pass) error {
	for _, t := range allElements(pass.Page) {
		if !dataTable(t) {
			continue
		}
		for _, cell := range tableCells(t) {
			v, ok := cell.Attr("headers")
			if !ok {
				continue
			}
			var self, outside, notCell, missing []string
			for _, id := range strings.Fields(v) {
				ref := byID(cell, id)
				switch {
				case ref == nil:
					missing = append(missing, id)
				case ref == cell:
					self = append(self, id)
				case !ref.Is("td", "th"):
					notCell = append(notCell, id)
				case ownerTable(ref) != t:
					outside = append(outside, id)
				}
			}
			var why []Text
			if len(missing) > 0 {
				why = append(why, msg("refers to id %s, which is not on the page", quoteList(missing)))
			}
			if len(outside) > 0 {
				why = append(why, msg("refers to a cell of another table (id %s)", quoteList(outside)))
			}
			if len(notCell) > 0 {
				why = append(why, msg("refers to an element that is not a table cell (id %s)", quoteList(notCell)))
			}
			if len(self) > 0 {
				why = append(why, msg("refers to the cell itself (id %s)", quoteList(self)))
			}
			if len(why) == 0 {
				pass.Passed(cell)
				continue
			}
			pass.Failed(cell, "This cell's headers attribute %s, so screen readers cannot tell which headers the cell belongs to. List in headers the ids of the th (or td) cells of this table that head the cell, or remove the attribute and use <th scope=\"col\"> / <th scope=\"row\"> instead.", why)
		}
	}
	return nil
}

// dataTable reports whether t is an HTML table that people can see and
// whose role is table or grid.
func dataTable(t *Node) bool {
	if !t.Is("table") || programmaticallyHidden(t) || !onPage(t.Layout.Box) {
		return false
	}
	role, _ := semanticRole(t)
	return role == "table" || roleInherits(role, "grid")
}

// ownerTable returns the table element a td, th or tr belongs to: the
// nearest table ancestor.
func ownerTable(n *Node) *Node {
	for e := n.ParentElement(); e != nil; e = e.ParentElement() {
		if e.Is("table") {
			return e
		}
	}
	return nil
}

// tableCells returns the td and th elements of the table (not those of
// nested tables), in document order.
func tableCells(t *Node) []*Node {
	var out []*Node
	for _, e := range t.Descendants() {
		if e.Is("td", "th") && ownerTable(e) == t {
			out = append(out, e)
		}
	}
	return out
}
