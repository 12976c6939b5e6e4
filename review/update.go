package review

import (
	"bytes"
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Machine-written fields: Update rewrites them from the newer results.
// Every other field, and every comment, is the person's and is kept.
var (
	topMachine       = []string{"saavuReview", "standard", "wcag", "results", "notRun", "statementLink", "pages"}
	criterionMachine = []string{"sc", "title", "level", "clause", "automated", "checkOn", "howToCheck"}
	itemMachine      = []string{"page", "rule", "element", "snippet", "message"}
)

// Updated is the result of Update.
type Updated struct {
	Data      []byte     // the new worksheet file
	Worksheet *Worksheet // as read back from Data
	Changes   []string   // what changed, in English, one line each
	Problems  error      // an *InvalidError when the result has problems (e.g. an old verdict no longer valid)
}

// Update brings a worksheet file up to date with the evidence of newer
// results. It works on the file's YAML tree: saavu's fields (automated,
// checkOn, howToCheck, the items' page, rule, element, snippet and
// message…) get their new values, and everything a person wrote
// (verdicts, notes, issues, confirmations, comments anywhere) stays where
// it was. Criteria and items new in the results are added; items are
// matched with the element identity (matchItems). A criterion with a
// verdict whose automated evidence changed gets recheck: "failed on 3
// pages then, passes now: re-check". Items no longer found are dropped,
// unless a person wrote something on them: those stay, marked gone.
func Update(old []byte, name string, ev *Evidence) (*Updated, error) {
	ow, doc, err := Read(old, name)
	if err != nil && AsInvalid(err) == nil {
		return nil, err
	}
	if ow.Law == "" {
		return nil, fmt.Errorf("%s: no law, so the criteria to review are not known: add law: fi or law: eu", name)
	}
	nw, err := Build(ev, Options{Law: ow.Law, Lang: ow.Lang})
	if err != nil {
		return nil, err
	}
	u := &updater{tr: translator(ow.Lang)}
	top := doc.Content[0]
	ntop := nw.Node().Content[0]
	for _, key := range topMachine {
		if v := get(ntop, key); v != nil {
			set(top, key, v, "criteria")
		} else {
			remove(top, key)
		}
	}
	u.criteria(top, ntop, ow.Criteria, nw.Criteria, "criteria")
	switch nd, od := get(ntop, "documents"), get(top, "documents"); {
	case nd == nil && od != nil:
		u.changef("documents: the newer results list no documents; the documents section is kept as it was")
	case nd != nil && od == nil:
		set(top, "documents", nd, "")
		u.changef("documents: added %d linked documents to check", len(nw.Documents.Files))
	case nd != nil:
		set(od, "files", get(nd, "files"), "")
		set(od, "howToCheck", get(nd, "howToCheck"), "")
		var oc []*Criterion
		if ow.Documents != nil {
			oc = ow.Documents.Criteria
		}
		u.criteria(od, nd, oc, nw.Documents.Criteria, "documents: criteria")
	}
	var buf bytes.Buffer
	if err := writeNode(&buf, doc); err != nil {
		return nil, err
	}
	out := &Updated{Data: buf.Bytes(), Changes: u.changes}
	out.Worksheet, _, err = Read(out.Data, name)
	if err != nil {
		if AsInvalid(err) == nil {
			return nil, fmt.Errorf("the updated worksheet cannot be read back: %w", err)
		}
		out.Problems = err
	}
	if len(out.Changes) == 0 {
		out.Changes = []string{"nothing changed"}
	}
	return out, nil
}

type updater struct {
	tr      tr
	changes []string
}

func (u *updater) changef(format string, args ...any) {
	u.changes = append(u.changes, fmt.Sprintf(format, args...))
}

// criteria merges the list under key of the new mapping into the old one.
func (u *updater) criteria(om, nm *yaml.Node, olds, news []*Criterion, what string) {
	key := "criteria"
	nseq := get(nm, key)
	oseq := get(om, key)
	if oseq == nil || oseq.Kind != yaml.SequenceNode {
		set(om, key, nseq, "")
		return
	}
	oldNode := map[string]*yaml.Node{}
	oldCrit := map[string]*Criterion{}
	for _, c := range olds {
		oldCrit[c.SC] = c
	}
	for _, n := range oseq.Content {
		if sc := scalarField(n, "sc"); sc != "" {
			oldNode[sc] = n
		}
	}
	var out []*yaml.Node
	for i, nn := range nseq.Content {
		nc := news[i]
		on, oc := oldNode[nc.SC], oldCrit[nc.SC]
		if on == nil || oc == nil {
			out = append(out, nn)
			u.changef("%s %s: added", what, nc.SC)
			continue
		}
		delete(oldNode, nc.SC)
		u.criterion(on, nn, oc, nc)
		out = append(out, on)
	}
	for _, n := range oseq.Content {
		sc := scalarField(n, "sc")
		if oldNode[sc] == nil {
			continue
		}
		if personContent(n, append(criterionMachine, "recheck", "items")) {
			out = append(out, n)
			u.changef("%s %s: no longer in the worksheet's profile, kept because you wrote on it: remove it", what, sc)
		} else {
			u.changef("%s %s: removed (no longer in the worksheet's profile)", what, sc)
		}
	}
	oseq.Content = out
}

func (u *updater) criterion(on, nn *yaml.Node, oc, nc *Criterion) {
	for _, key := range criterionMachine {
		if v := get(nn, key); v != nil {
			set(on, key, v, "verdict")
		}
	}
	added := 0
	if get(nn, "items") != nil {
		added = u.items(on, nn, oc, nc)
	}
	then, now := u.evidence(oc.Automated), u.evidence(nc.Automated)
	changed := then != now
	switch {
	case oc.Verdict != "" && changed:
		msg := u.tr.f("recheck", then, now)
		set(on, "recheck", str(msg), "verdict")
		u.changef("%s: %s then, %s now: verdict %s marked for re-check", nc.SC, u.english(oc.Automated), u.english(nc.Automated), oc.Verdict)
	case oc.Verdict != "" && added > 0:
		set(on, "recheck", str(u.tr.n("recheck.items", added)), "verdict")
		u.changef("%s: %d new item(s) to confirm: verdict %s marked for re-check", nc.SC, added, oc.Verdict)
	case changed:
		u.changef("%s: %s then, %s now", nc.SC, u.english(oc.Automated), u.english(nc.Automated))
	}
}

// evidence describes what the rules found, in the worksheet's language.
func (u *updater) evidence(a Automated) string { return describe(a, u.tr) }

// english describes it for the list of changes.
func (u *updater) english(a Automated) string { return describe(a, translator("en")) }

func describe(a Automated, tr tr) string {
	switch a.Outcome {
	case Failed:
		return tr.n("evidence.failed", a.Failed)
	case CantTell:
		return tr.n("evidence.cantTell", a.CantTell)
	case "":
		return tr.t("evidence." + Untested)
	}
	return tr.t("evidence." + a.Outcome)
}

// items merges the items of a criterion and returns how many are new.
func (u *updater) items(on, nn *yaml.Node, oc, nc *Criterion) int {
	nseq := get(nn, "items")
	oseq := get(on, "items")
	if oseq == nil || oseq.Kind != yaml.SequenceNode || len(oseq.Content) != len(oc.Items) {
		set(on, "items", nseq, "")
		return len(nc.Items)
	}
	match := matchItems(oc.Items, nc.Items)
	matched := make([]bool, len(oc.Items))
	var out []*yaml.Node
	added := 0
	for i, j := range match {
		n := nseq.Content[i]
		if j < 0 {
			out = append(out, n)
			added++
			continue
		}
		matched[j] = true
		o := oseq.Content[j]
		for _, key := range itemMachine {
			set(o, key, get(n, key), "confirm")
		}
		remove(o, "gone")
		out = append(out, o)
	}
	kept, dropped := 0, 0
	for j, o := range oseq.Content {
		if matched[j] {
			continue
		}
		if personContent(o, append(itemMachine, "gone")) {
			set(o, "gone", str(u.tr.t("gone")), "confirm")
			out = append(out, o)
			kept++
		} else {
			dropped++
		}
	}
	if added > 0 {
		u.changef("%s: %d new item(s) to confirm", nc.SC, added)
	}
	if dropped > 0 {
		u.changef("%s: %d item(s) no longer found, removed", nc.SC, dropped)
	}
	if kept > 0 {
		u.changef("%s: %d item(s) no longer found, kept as gone because you wrote on them", nc.SC, kept)
	}
	oseq.Content = out
	oseq.Style = 0
	if len(out) == 0 {
		oseq.Style = yaml.FlowStyle
	}
	return added
}

// personContent reports whether a person wrote anything in a mapping:
// a field other than saavu's, with a value, or a comment anywhere.
func personContent(m *yaml.Node, machine []string) bool {
	if hasComments(m) {
		return true
	}
	if m.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if slices.Contains(machine, k.Value) {
			continue
		}
		if !(v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == "")) && !(v.Kind == yaml.SequenceNode && len(v.Content) == 0) {
			return true
		}
	}
	return false
}

// hasComments reports whether a node or any node under it carries a
// comment that saavu did not write.
func hasComments(n *yaml.Node) bool {
	if n.HeadComment != "" || n.FootComment != "" || (n.LineComment != "" && !isOurLineComment(n.LineComment)) {
		return true
	}
	for _, c := range n.Content {
		if hasComments(c) {
			return true
		}
	}
	return false
}

func isOurLineComment(c string) bool {
	for _, lang := range Languages {
		for _, key := range []string{"verdict.comment", "confirm.comment", "documents.verdict.comment"} {
			if c == "# "+messages[lang][key] || c == messages[lang][key] {
				return true
			}
		}
	}
	return false
}

// get returns the value of key in a mapping, or nil.
func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// set gives key the value v in a mapping, keeping the key node (and its
// comments); a new key goes before the key before, or at the end. The
// line comment of the old value (on the same line) moves to the new one.
func set(m *yaml.Node, key string, v *yaml.Node, before string) {
	if m.Kind != yaml.MappingNode || v == nil {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			old := m.Content[i+1]
			if old.LineComment != "" && v.LineComment == "" && v.Kind == yaml.ScalarNode {
				v.LineComment = old.LineComment
			}
			m.Content[i+1] = v
			return
		}
	}
	k := str(key)
	if before != "" {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == before {
				m.Content = slices.Insert(m.Content, i, k, v)
				return
			}
		}
	}
	m.Content = append(m.Content, k, v)
}

// remove deletes key from a mapping.
func remove(m *yaml.Node, key string) {
	if m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = slices.Delete(m.Content, i, i+2)
			return
		}
	}
}

func scalarField(m *yaml.Node, key string) string {
	if v := get(m, key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}
