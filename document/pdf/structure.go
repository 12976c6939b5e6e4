package pdf

import (
	"encoding/xml"
	"io"
	"strings"
)

// page is a page as the raw reader sees it.
type page struct {
	ref    ref
	dict   dict
	tabs   name
	annots []annot
}

// annot is an annotation of a page.
type annot struct {
	ref          ref // {0 0} for a direct dictionary
	subtype      name
	hidden       bool // flag bit 2 (Hidden)
	structParent bool // has /StructParent
	contents     string
	hasContents  bool
	field        *field // for a Widget: its form field
}

// field is an interactive form field (with its inherited entries).
type field struct {
	name, tu string // /T (partial name) and /TU (the name for users)
	hasTU    bool
	ft       name
}

// pages walks the page tree in order (at most limit pages).
func (f *rawFile) pages(limit int) []page {
	root := f.resolveDict(f.trailer["Root"])
	var out []page
	seen := map[int64]bool{}
	var walk func(o any, depth int)
	walk = func(o any, depth int) {
		if len(out) >= limit || depth > 64 {
			return
		}
		r, isRef := o.(ref)
		if isRef {
			if seen[r.num] {
				return
			}
			seen[r.num] = true
		}
		d := f.resolveDict(o)
		if d == nil {
			return
		}
		if kids := f.resolveArray(d["Kids"]); asName(d["Type"]) == "Pages" || (kids != nil && asName(d["Type"]) != "Page") {
			for _, k := range kids {
				walk(k, depth+1)
			}
			return
		}
		p := page{ref: r, dict: d, tabs: f.resolveName(d["Tabs"])}
		if s, ok := f.resolve(d["Tabs"]).(pdfString); ok {
			// LibreOffice writes /Tabs(S), a string: readers take it as
			// the name it should be.
			p.tabs = name(s.text())
		}
		for _, a := range f.resolveArray(d["Annots"]) {
			ad := f.resolveDict(a)
			if ad == nil {
				continue
			}
			ar, _ := a.(ref)
			flags, _ := f.resolveInt(ad["F"])
			an := annot{ref: ar, subtype: f.resolveName(ad["Subtype"]), hidden: flags&2 != 0}
			_, an.structParent = f.resolveInt(ad["StructParent"])
			if c, ok := f.resolve(ad["Contents"]).(pdfString); ok {
				an.contents, an.hasContents = c.text(), true
			}
			if an.subtype == "Widget" {
				an.field = f.field(ad)
			}
			p.annots = append(p.annots, an)
			if len(p.annots) >= 10_000 {
				break
			}
		}
		out = append(out, p)
	}
	walk(root["Pages"], 0)
	return out
}

// field reads a widget's field, following /Parent for inherited entries.
func (f *rawFile) field(d dict) *field {
	fl := &field{}
	for depth := 0; d != nil && depth < 32; depth++ {
		if s, ok := f.resolve(d["TU"]).(pdfString); ok && !fl.hasTU {
			fl.tu, fl.hasTU = s.text(), true
		}
		if s, ok := f.resolve(d["T"]).(pdfString); ok && fl.name == "" {
			fl.name = s.text()
		}
		if ft := f.resolveName(d["FT"]); ft != "" && fl.ft == "" {
			fl.ft = ft
		}
		d = f.resolveDict(d["Parent"])
	}
	return fl
}

// element is a structure element (ISO 32000-1, 14.7.2).
type element struct {
	typ       string // the standard type its /S maps to through the role map
	raw       string // /S as written
	alt       string
	hasAlt    bool
	actual    string
	hasActual bool
	lang      string
	hasLang   bool
	parent    *element
	kids      []*element
	pages     map[int]bool // pages its content (or its /Pg) is on, by index
	mcids     int          // marked-content sequences it holds directly
	objs      []int64      // objects it holds directly (OBJR): annotations, by number
	scope     bool         // a TH with a /Scope attribute
	order     int          // in document order
}

// structTree is a document's logical structure.
type structTree struct {
	present  bool // the catalog has a /StructTreeRoot
	roots    []*element
	all      []*element // in document order
	mcids    map[[2]int]*element
	objs     map[int64]*element
	suspects bool
}

// standardTypes are the standard structure types of PDF 1.7 (ISO
// 32000-1, 14.8.4) and those PDF 2.0 adds.
var standardTypes = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
		P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry
		Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form
		DocumentFragment Aside Title FENote Sub Em Strong Artifact`) {
		standardTypes[t] = true
	}
}

// maxElements is how many structure elements are read at most.
const maxElements = 500_000

// structure reads the structure tree. pageIndex maps a page object's
// number to its index.
func (f *rawFile) structure(pageIndex map[int64]int) *structTree {
	t := &structTree{mcids: map[[2]int]*element{}, objs: map[int64]*element{}}
	cat := f.resolveDict(f.trailer["Root"])
	if mi := f.resolveDict(cat["MarkInfo"]); mi != nil {
		t.suspects, _ = f.resolve(mi["Suspects"]).(bool)
	}
	root := f.resolveDict(cat["StructTreeRoot"])
	if root == nil {
		return t
	}
	t.present = true
	roleMap := f.resolveDict(root["RoleMap"])
	mapType := func(s name) string {
		cur := s
		for range 16 {
			if standardTypes[string(cur)] {
				return string(cur)
			}
			next := f.resolveName(roleMap[cur])
			if next == "" || next == cur {
				break
			}
			cur = next
		}
		return string(cur)
	}
	seen := map[int64]bool{}
	pageOf := func(o any) (int, bool) {
		if r, ok := o.(ref); ok {
			i, ok := pageIndex[r.num]
			return i, ok
		}
		return 0, false
	}
	var walk func(o any, parent *element, pg any, depth int)
	walk = func(o any, parent *element, pg any, depth int) {
		if len(t.all) >= maxElements || depth > 256 {
			return
		}
		if r, ok := o.(ref); ok {
			if seen[r.num] {
				return
			}
			seen[r.num] = true
		}
		v := f.resolve(o)
		switch k := v.(type) {
		case int64: // a marked-content id on the parent's page
			if parent != nil {
				parent.mcids++
				if i, ok := pageOf(pg); ok {
					parent.pages[i] = true
					t.mcids[[2]int{i, int(k)}] = parent
				}
			}
			return
		case array:
			for _, x := range k {
				walk(x, parent, pg, depth+1)
			}
			return
		case dict:
			switch asName(k["Type"]) {
			case "MCR":
				if parent != nil {
					p := pg
					if k["Pg"] != nil {
						p = k["Pg"]
					}
					id, _ := f.resolveInt(k["MCID"])
					parent.mcids++
					if i, ok := pageOf(p); ok {
						parent.pages[i] = true
						t.mcids[[2]int{i, int(id)}] = parent
					}
				}
				return
			case "OBJR":
				if parent != nil {
					if r, ok := k["Obj"].(ref); ok {
						parent.objs = append(parent.objs, r.num)
						t.objs[r.num] = parent
					}
					p := pg
					if k["Pg"] != nil {
						p = k["Pg"]
					}
					if i, ok := pageOf(p); ok {
						parent.pages[i] = true
					}
				}
				return
			}
			if k["S"] == nil {
				return
			}
			raw := f.resolveName(k["S"])
			e := &element{raw: string(raw), typ: mapType(raw), parent: parent, pages: map[int]bool{}, order: len(t.all)}
			if s, ok := f.resolve(k["Alt"]).(pdfString); ok {
				e.alt, e.hasAlt = s.text(), true
			}
			if s, ok := f.resolve(k["ActualText"]).(pdfString); ok {
				e.actual, e.hasActual = s.text(), true
			}
			if s, ok := f.resolve(k["Lang"]).(pdfString); ok {
				e.lang, e.hasLang = s.text(), true
			}
			if e.typ == "TH" {
				e.scope = f.hasAttr(k["A"], "Scope")
			}
			epg := pg
			if k["Pg"] != nil {
				epg = k["Pg"]
				if i, ok := pageOf(epg); ok {
					e.pages[i] = true
				}
			}
			t.all = append(t.all, e)
			if parent == nil {
				t.roots = append(t.roots, e)
			} else {
				parent.kids = append(parent.kids, e)
			}
			walk(k["K"], e, epg, depth+1)
		}
	}
	walk(root["K"], nil, nil, 0)
	// An element's pages include its descendants'.
	for i := len(t.all) - 1; i >= 0; i-- {
		e := t.all[i]
		if e.parent != nil {
			for p := range e.pages {
				e.parent.pages[p] = true
			}
		}
	}
	return t
}

// hasAttr reports whether attribute objects a (a dictionary, an array of
// them with revision numbers) set key.
func (f *rawFile) hasAttr(a any, key name) bool {
	switch v := f.resolve(a).(type) {
	case dict:
		_, ok := v[key]
		return ok
	case array:
		for _, x := range v {
			if d := f.resolveDict(x); d != nil {
				if _, ok := d[key]; ok {
					return true
				}
			}
		}
	}
	return false
}

// xmp is what saavu reads from the XMP metadata.
type xmp struct {
	present   bool
	title     string
	created   string // xmp:CreateDate
	modified  string // xmp:ModifyDate
	pdfuaPart string
}

// metadata reads the catalog's XMP metadata stream. encoding/xml does
// not resolve external entities nor expand entities a document declares
// (it knows only the five predefined ones), so a hostile XMP packet
// cannot make it read files or grow.
func (f *rawFile) metadata() xmp {
	var x xmp
	cat := f.resolveDict(f.trailer["Root"])
	s, ok := f.resolve(cat["Metadata"]).(*stream)
	if !ok {
		return x
	}
	data, err := f.streamData(s, 8<<20)
	if err != nil {
		return x
	}
	x.present = true
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	dec.Strict = false
	var path []xml.Name
	var inTitle bool
	for range 1_000_000 {
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			path = append(path, t.Name)
			switch {
			case t.Name.Local == "title" && strings.Contains(t.Name.Space, "purl.org/dc"):
				inTitle = true
			case t.Name.Local == "Description":
				for _, a := range t.Attr {
					switch {
					case a.Name.Local == "part" && strings.Contains(a.Name.Space, "pdfuaid"):
						x.pdfuaPart = a.Value
					case a.Name.Local == "CreateDate" && strings.Contains(a.Name.Space, "ns.adobe.com/xap/1.0"):
						x.created = a.Value
					case a.Name.Local == "ModifyDate" && strings.Contains(a.Name.Space, "ns.adobe.com/xap/1.0"):
						x.modified = a.Value
					case a.Name.Local == "title" && strings.Contains(a.Name.Space, "purl.org/dc"):
						x.title = a.Value
					}
				}
			}
		case xml.EndElement:
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
			if t.Name.Local == "title" {
				inTitle = false
			}
		case xml.CharData:
			if len(path) == 0 {
				continue
			}
			cur := path[len(path)-1]
			text := strings.TrimSpace(string(t))
			switch {
			case inTitle && text != "" && x.title == "":
				x.title = text
			case cur.Local == "part" && strings.Contains(cur.Space, "pdfuaid"):
				x.pdfuaPart = text
			case cur.Local == "CreateDate" && strings.Contains(cur.Space, "ns.adobe.com/xap/1.0"):
				x.created = text
			case cur.Local == "ModifyDate" && strings.Contains(cur.Space, "ns.adobe.com/xap/1.0"):
				x.modified = text
			}
		}
	}
	return x
}

// viewerPrefs reads /ViewerPreferences /DisplayDocTitle: set reports
// whether the key is there.
func (f *rawFile) displayDocTitle() (value, set bool) {
	cat := f.resolveDict(f.trailer["Root"])
	vp := f.resolveDict(cat["ViewerPreferences"])
	v, ok := f.resolve(vp["DisplayDocTitle"]).(bool)
	return v, ok
}

// markInfo reads /MarkInfo /Marked.
func (f *rawFile) marked() bool {
	cat := f.resolveDict(f.trailer["Root"])
	v, _ := f.resolve(f.resolveDict(cat["MarkInfo"])["Marked"]).(bool)
	return v
}

// catalogLang reads the catalog's /Lang: set reports whether it is there.
func (f *rawFile) catalogLang() (string, bool) {
	cat := f.resolveDict(f.trailer["Root"])
	s, ok := f.resolve(cat["Lang"]).(pdfString)
	return s.text(), ok
}
