package checks

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// THHasDataCells checks that every table header cell heads some cell
// (ACT d0f69e). It also asks about tables that have no header cell at
// all but look like data tables, and about layout tables that have
// header cells or a caption.
var THHasDataCells = &Rule{
	ID:      "th-has-data-cells",
	Title:   "Data tables have header cells, and each heads some cells",
	Doc:     doc("th-has-data-cells"),
	HelpURL: understanding("1.3.1"),
	WCAG:    []string{"1.3.1"},
	ACT:     []string{"d0f69e"},
	Impact:  Serious,
	Run:     runTHHasDataCells,
}

// cellRoles are the roles inheriting from cell: a header must be
// assigned to an element with one of them.
var cellRoles = map[string]bool{"cell": true, "gridcell": true, "columnheader": true, "rowheader": true}

// ACT d0f69e applies to visible elements exposed as columnheader or
// rowheader inside an exposed table or grid. Each must be assigned to at
// least one cell: by the HTML table model (headers attribute, or implicit
// assignment by column and row) in an HTML table, by position in an ARIA
// table.
func runTHHasDataCells(pass *Pass) error {
	models := map[*Node]*tableModel{}
	for _, n := range allElements(pass.Page) {
		role := n.Role()
		if role != "columnheader" && role != "rowheader" || !n.Exposed() || !visibleBox(n) {
			continue
		}
		table := semanticTable(n)
		if table == nil || !table.Exposed() {
			continue
		}
		row := role == "rowheader"
		if n.Is("th", "td") && table.Is("table") && ownerTable(n) == table {
			m := models[table]
			if m == nil {
				m = newTableModel(table)
				models[table] = m
			}
			switch cells := m.assigned(n); {
			case slices.ContainsFunc(cells, func(c *Node) bool { return cellRoles[c.Role()] }):
				pass.Passed(n)
			case len(cells) > 0:
				pass.CantTell(n, "This header cell heads only cells that screen readers do not get as table cells. Check that the header labels some data in the table.")
			case m.unsure.Key != "":
				pass.CantTell(n, "saavu cannot work out which cells this header labels (%s). Check that some cells in its %s belong to it.", m.unsure, rowOrColumn(row))
			case n.Is("td"):
				pass.CantTell(n, "This cell is made a header with role=\"%s\", but the HTML table rules give no cells to a <td>; screen readers differ. Check that cells in its %s belong to it, or use <th> instead.", role, rowOrColumn(row))
			case !m.byNode[n].colHeader && !m.byNode[n].rowHeader:
				pass.CantTell(n, "This header cell has data cells both in its row and in its column, so by the HTML rules it labels no cell, and screen readers guess. Check whether it is really a header; if it is, add scope=\"col\" or scope=\"row\".")
			default:
				pass.Failed(n, "%s", thMessage(n, row))
			}
			continue
		}
		switch ok, sure := ariaHeaderAssigned(n, table, role); {
		case ok:
			pass.Passed(n)
		case !sure:
			pass.CantTell(n, "saavu cannot work out which cells this header labels in this ARIA table. Check that some cells in its %s belong to it.", rowOrColumn(row))
		default:
			pass.Failed(n, "%s", thMessage(n, row))
		}
	}
	tableHeaderUse(pass)
	return nil
}

// tableHeaderUse asks (cantTell) about the HTML tables whose header
// cells do not match what the table is:
//
//   - a table marked as a layout table (role="presentation" or "none")
//     that has header cells (<th>), a caption or a summary attribute: it
//     may be a data table hidden from screen readers, or a layout table
//     with markup that only data tables should have (WCAG failure F46);
//   - a table of two or more rows and columns without any header cell
//     (<th>, or role columnheader or rowheader) that the browser treats
//     as a data table, or whose first row or first column is bold and the
//     rest is not, as headers are.
//
// Tables that are hidden or not rendered are not tested.
func tableHeaderUse(pass *Pass) {
	for _, t := range allElements(pass.Page) {
		if !t.Is("table") || !visibleBox(t) || ariaHidden(t) {
			continue
		}
		cells := tableCells(t)
		role := firstValidRole(t)
		if isPresentationalRole(role) && !presentationConflict(t) {
			var has []Text
			if slices.ContainsFunc(cells, func(c *Node) bool { return c.Is("th") }) {
				has = append(has, msg("header cells (<th>)"))
			}
			if slices.ContainsFunc(t.ChildNodes(), func(c *Node) bool { return c.Is("caption") && !blank(c.TextContent()) }) {
				has = append(has, msg("a caption"))
			}
			if !blank(t.AttrOr("summary", "")) {
				has = append(has, msg("a summary attribute"))
			}
			if len(has) > 0 {
				pass.CantTell(t, "This table is marked as a layout table (role=%q), so screen readers do not announce it as a table, but it has %s, which only data tables have. Check what it is: if it holds data that has rows and columns, remove the role so its headers are announced; if it only lays out the page, make its header cells <td> and its caption ordinary text.", role, andText(has))
			}
			continue
		}
		if role != "" && role != "table" {
			continue
		}
		if slices.ContainsFunc(cells, func(c *Node) bool {
			return c.Is("th") || c.Exposed() && (c.Role() == "columnheader" || c.Role() == "rowheader")
		}) {
			continue
		}
		m := newTableModel(t)
		rows, cols := 0, 0
		for _, c := range m.cells {
			rows, cols = max(rows, c.y+c.h), max(cols, c.x+c.w)
		}
		if rows < 2 || cols < 2 {
			continue
		}
		why := Text{}
		switch {
		case boldLine(m, true):
			why = msg("Its first row is bold, as column headers are.")
		case boldLine(m, false):
			why = msg("Its first column is bold, as row headers are.")
		case t.Role() == "table":
			why = msg("The browser treats it as a data table.")
		default:
			continue // a layout table
		}
		pass.CantTell(t, "This table has no header cells, so screen readers read its cells without saying which column or row they belong to. %s If its first row or column says what the cells hold, make those cells headers: <th scope=\"col\"> or <th scope=\"row\">. If the table only lays out the page, give it role=\"presentation\".", why)
	}
}

// boldLine reports whether the table's first row (or first column) has
// two or more cells with text, all mostly bold, while the cells with text
// of the other rows (columns) are mostly not bold.
func boldLine(m *tableModel, row bool) bool {
	first, rest, restBold := 0, 0, 0
	for _, c := range m.cells {
		if !strings.ContainsFunc(c.node.TextContent(), unicode.IsLetter) && !strings.ContainsFunc(c.node.TextContent(), unicode.IsDigit) {
			continue
		}
		bold, _ := textStyle(c.node)
		at := c.y
		if !row {
			at = c.x
		}
		if at == 0 {
			if !bold {
				return false
			}
			first++
			continue
		}
		rest++
		if bold {
			restBold++
		}
	}
	return first >= 2 && rest > 0 && restBold*2 < rest
}

func thMessage(n *Node, row bool) Text {
	if row {
		return msg("This row header (%s) labels no cell: there is no data in its row, or the cells' headers attributes leave it out. Screen readers announce headers with the cells they label, so a header without cells is either missing data or should not be a header: add the missing cells, fix the headers attributes, or make it an ordinary cell (<td>) or a caption.", quoteShort(n.TextContent()))
	}
	return msg("This column header (%s) labels no cell: there is no data in its column, or the cells' headers attributes leave it out. Screen readers announce headers with the cells they label, so a header without cells is either missing data or should not be a header: add the missing cells, fix the headers attributes, or make it an ordinary cell (<td>) or a caption.", quoteShort(n.TextContent()))
}

func rowOrColumn(row bool) Text {
	if row {
		return msg("row")
	}
	return msg("column")
}

// semanticTable returns the nearest ancestor exposed as a table, grid or
// treegrid.
func semanticTable(n *Node) *Node {
	for e := n.ParentElement(); e != nil; e = e.ParentElement() {
		switch e.Role() {
		case "table", "grid", "treegrid":
			return e
		}
	}
	return nil
}

// tableModel is the HTML table model of one table element: every cell
// with its slot coordinates.
type tableModel struct {
	table  *Node
	cells  []*tableCell
	byNode map[*Node]*tableCell
	slots  map[[2]int][]*tableCell
	unsure Text // why saavu does not trust the model; no key when it does
}

type tableCell struct {
	node                 *Node
	x, y, w, h           int
	header               bool
	group                int // index of the row group the cell is anchored in
	colHeader, rowHeader bool
}

// newTableModel builds the grid of a table, following the HTML "forming
// a table" algorithm for rows, row groups, colspan and rowspan.
func newTableModel(t *Node) *tableModel {
	m := &tableModel{table: t, byNode: map[*Node]*tableCell{}, slots: map[[2]int][]*tableCell{}}
	y := 0
	group := 0
	var pending []*tableCell // cells with rowspan=0, growing to the end of their group
	endGroup := func(lastY int) {
		for _, c := range pending {
			c.h = max(1, lastY-c.y)
			m.place(c)
		}
		pending = nil
	}
	addRow := func(tr *Node) {
		x := 0
		for _, c := range tr.ChildNodes() {
			if !c.Is("td", "th") {
				continue
			}
			for len(m.slots[[2]int{x, y}]) > 0 {
				x++
			}
			w := spanAttr(c, "colspan", 1, 1000)
			h := spanAttr(c, "rowspan", 0, 65534)
			cell := &tableCell{node: c, x: x, y: y, w: w, h: h, header: c.Is("th"), group: group}
			m.cells = append(m.cells, cell)
			m.byNode[c] = cell
			if h == 0 {
				cell.h = 1
				pending = append(pending, cell)
			} else {
				m.place(cell)
			}
			x += w
		}
		y++
	}
	for _, c := range t.ChildNodes() {
		switch {
		case c.Is("tr"):
			addRow(c)
		case c.Is("thead", "tbody", "tfoot"):
			endGroup(y)
			group++
			for _, r := range c.ChildNodes() {
				if r.Is("tr") {
					addRow(r)
				}
			}
			endGroup(y)
			m.cutGroup(group, y)
			group++
		}
	}
	endGroup(y)
	if t.HasAttr("aria-owns") || slices.ContainsFunc(t.Descendants(), func(e *Node) bool {
		return e.HasAttr("aria-owns") || e.Shadow != "" || (e.Is("tr", "thead", "tbody", "tfoot") && e.HasAttr("role"))
	}) {
		m.unsure = msg("the table is rearranged with ARIA roles, aria-owns or shadow DOM")
	}
	for _, c := range m.cells {
		if c.header {
			m.classify(c)
		}
	}
	return m
}

// cutGroup ends the cells of a row group at the group's last row, as the
// HTML table model does with rowspans that reach past it.
func (m *tableModel) cutGroup(group, endY int) {
	for _, c := range m.cells {
		if c.group != group || c.y+c.h <= endY {
			continue
		}
		for dy := endY - c.y; dy < c.h; dy++ {
			for dx := 0; dx < c.w; dx++ {
				k := [2]int{c.x + dx, c.y + dy}
				m.slots[k] = slices.DeleteFunc(m.slots[k], func(o *tableCell) bool { return o == c })
			}
		}
		c.h = endY - c.y
	}
}

func (m *tableModel) place(c *tableCell) {
	for dx := 0; dx < c.w; dx++ {
		for dy := 0; dy < c.h; dy++ {
			k := [2]int{c.x + dx, c.y + dy}
			m.slots[k] = append(m.slots[k], c)
		}
	}
}

func spanAttr(n *Node, name string, lo, hi int) int {
	v, ok := n.Attr(name)
	if !ok {
		return 1
	}
	i, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || i < lo {
		return 1
	}
	return min(i, hi)
}

// classify decides whether a th is a column header and/or a row header,
// by its scope attribute or, in the auto state, by whether its rows or
// columns hold data cells.
func (m *tableModel) classify(c *tableCell) {
	switch strings.ToLower(strings.TrimSpace(c.node.AttrOr("scope", ""))) {
	case "col":
		c.colHeader = true
		return
	case "row":
		c.rowHeader = true
		return
	case "colgroup", "rowgroup":
		if m.unsure.Key == "" {
			m.unsure = msg(`the table uses scope="colgroup" or scope="rowgroup"`)
		}
		return
	}
	dataIn := func(x0, x1, y0, y1 int) bool {
		for _, o := range m.cells {
			if o.header {
				continue
			}
			if o.x < x1 && o.x+o.w > x0 && o.y < y1 && o.y+o.h > y0 {
				return true
			}
		}
		return false
	}
	const far = 1 << 30
	if !dataIn(0, far, c.y, c.y+c.h) {
		c.colHeader = true
		return
	}
	if !dataIn(c.x, c.x+c.w, 0, far) {
		c.rowHeader = true
	}
}

// assigned returns the cells the header cell h is assigned to.
func (m *tableModel) assigned(h *Node) []*Node {
	var out []*Node
	for _, c := range m.cells {
		if c.node != h && slices.Contains(m.headersOf(c), h) {
			out = append(out, c.node)
		}
	}
	return out
}

// headersOf returns the header cells assigned to the cell, by the HTML
// "algorithm for assigning header cells".
func (m *tableModel) headersOf(c *tableCell) []*Node {
	var list []*Node
	if v, ok := c.node.Attr("headers"); ok {
		for _, id := range strings.Fields(v) {
			for _, o := range m.cells {
				if o != c && o.node.AttrOr("id", "") == id {
					list = append(list, o.node)
					break
				}
			}
		}
	} else {
		for y := c.y; y < c.y+c.h; y++ {
			list = append(list, m.scan(c, c.x, y, -1, 0)...)
		}
		for x := c.x; x < c.x+c.w; x++ {
			list = append(list, m.scan(c, x, c.y, 0, -1)...)
		}
	}
	var out []*Node
	for _, n := range list {
		if n != c.node && !slices.Contains(out, n) && !emptyCell(n) {
			out = append(out, n)
		}
	}
	return out
}

// scan is the HTML "internal algorithm for scanning and assigning header
// cells" from slot (x, y) in direction (dx, dy).
func (m *tableModel) scan(principal *tableCell, x, y, dx, dy int) []*Node {
	var found []*Node
	var opaque, block []*tableCell
	inBlock := principal.header
	if inBlock {
		block = []*tableCell{principal}
	}
	for {
		x += dx
		y += dy
		if x < 0 || y < 0 {
			return found
		}
		cs := m.slots[[2]int{x, y}]
		if len(cs) != 1 {
			continue
		}
		cur := cs[0]
		if !cur.header {
			if inBlock {
				inBlock = false
				opaque = append(opaque, block...)
				block = nil
			}
			continue
		}
		inBlock = true
		block = append(block, cur)
		blocked := false
		if dx == 0 {
			blocked = !cur.colHeader || slices.ContainsFunc(opaque, func(o *tableCell) bool { return o.x == cur.x && o.w == cur.w })
		} else {
			blocked = !cur.rowHeader || slices.ContainsFunc(opaque, func(o *tableCell) bool { return o.y == cur.y && o.h == cur.h })
		}
		if !blocked {
			found = append(found, cur.node)
		}
	}
}

// emptyCell reports whether a cell has no element children and no text.
func emptyCell(n *Node) bool {
	if len(n.Descendants()) > 0 {
		return false
	}
	return n.TextContent() == ""
}

// ariaHeaderAssigned decides whether an ARIA column or row header has
// cells, by position: a column header heads the cells in the same column
// of the other rows, a row header the other cells of its row. sure is
// false when the table uses spans, explicit indexes or aria-owns, which
// this simple model does not follow.
func ariaHeaderAssigned(h, table *Node, role string) (ok, sure bool) {
	var rows [][]*Node
	sure = true
	var walk func(e *Node, row int)
	walk = func(e *Node, row int) {
		for _, c := range e.ChildNodes() {
			if c.Type != ElementNode {
				continue
			}
			if c.HasAttr("aria-owns") || c.HasAttr("aria-colspan") || c.HasAttr("aria-rowspan") || c.HasAttr("aria-colindex") || c.HasAttr("aria-rowindex") || c.HasAttr("colspan") || c.HasAttr("rowspan") {
				sure = false
			}
			switch r := c.Role(); {
			case r == "table" || r == "grid" || r == "treegrid":
				continue // a nested table
			case r == "row":
				rows = append(rows, nil)
				walk(c, len(rows)-1)
			case cellRoles[r] && row >= 0:
				rows[row] = append(rows[row], c)
			default:
				walk(c, row)
			}
		}
	}
	walk(table, -1)
	hr, hc := -1, -1
	for i, r := range rows {
		if j := slices.Index(r, h); j >= 0 {
			hr, hc = i, j
		}
	}
	if hr < 0 {
		return false, false
	}
	if role == "rowheader" {
		return len(rows[hr]) > 1, sure
	}
	for i, r := range rows {
		if i != hr && hc < len(r) {
			return true, sure
		}
	}
	return false, sure
}
