package checks

import (
	"regexp"
	"slices"
	"strings"
)

// WAI-ARIA data for the aria-* rules: the states and properties with their
// value types, the roles with what they support, require and prohibit,
// and the semantic role of an element (its role attribute, or the implicit
// role HTML-AAM gives it). Written from WAI-ARIA 1.2, with the additions
// of the ARIA 1.3 draft that the W3C ACT rules already use (aria-braille*,
// aria-description…), the DPUB-ARIA 1.1 and Graphics ARIA modules.

// ariaValueType is the value type of an ARIA state or property.
type ariaValueType int

const (
	valString             ariaValueType = iota // any text
	valTrueFalse                               // true | false
	valTrueFalseUndefined                      // true | false | undefined
	valTristate                                // true | false | mixed | undefined
	valIDRef                                   // one id
	valIDRefs                                  // a space-separated list of ids
	valInteger                                 // a whole number
	valNumber                                  // any real number
	valToken                                   // one of a list of tokens
	valTokens                                  // several of a list of tokens, separated by spaces
)

// ariaAttr describes one ARIA state or property.
type ariaAttr struct {
	Type       ariaValueType
	Tokens     []string // allowed values of a token or token-list attribute
	Global     bool     // allowed on every role (unless the role prohibits it)
	Deprecated bool
}

// ariaAttrs are the states and properties defined by WAI-ARIA.
var ariaAttrs = map[string]ariaAttr{
	"aria-actions":                {Type: valIDRefs, Global: true}, // ARIA 1.3 draft
	"aria-activedescendant":       {Type: valIDRef},
	"aria-atomic":                 {Type: valTrueFalse, Global: true},
	"aria-autocomplete":           {Type: valToken, Tokens: []string{"inline", "list", "both", "none"}},
	"aria-braillelabel":           {Type: valString, Global: true},
	"aria-brailleroledescription": {Type: valString, Global: true},
	"aria-busy":                   {Type: valTrueFalse, Global: true},
	"aria-checked":                {Type: valTristate},
	"aria-colcount":               {Type: valInteger},
	"aria-colindex":               {Type: valInteger},
	"aria-colindextext":           {Type: valString},
	"aria-colspan":                {Type: valInteger},
	"aria-controls":               {Type: valIDRefs, Global: true},
	"aria-current":                {Type: valToken, Tokens: []string{"page", "step", "location", "date", "time", "true", "false"}, Global: true},
	"aria-describedby":            {Type: valIDRefs, Global: true},
	"aria-description":            {Type: valString, Global: true},
	"aria-details":                {Type: valIDRefs, Global: true},
	"aria-disabled":               {Type: valTrueFalse, Global: true},
	"aria-dropeffect":             {Type: valTokens, Tokens: []string{"copy", "execute", "link", "move", "none", "popup"}, Global: true, Deprecated: true},
	"aria-errormessage":           {Type: valIDRefs, Global: true},
	"aria-expanded":               {Type: valTrueFalseUndefined},
	"aria-flowto":                 {Type: valIDRefs, Global: true},
	"aria-grabbed":                {Type: valTrueFalseUndefined, Global: true, Deprecated: true},
	"aria-haspopup":               {Type: valToken, Tokens: []string{"false", "true", "menu", "listbox", "tree", "grid", "dialog"}, Global: true},
	"aria-hidden":                 {Type: valTrueFalseUndefined, Global: true},
	"aria-invalid":                {Type: valToken, Tokens: []string{"grammar", "false", "spelling", "true"}, Global: true},
	"aria-keyshortcuts":           {Type: valString, Global: true},
	"aria-label":                  {Type: valString, Global: true},
	"aria-labelledby":             {Type: valIDRefs, Global: true},
	"aria-level":                  {Type: valInteger},
	"aria-live":                   {Type: valToken, Tokens: []string{"assertive", "off", "polite"}, Global: true},
	"aria-modal":                  {Type: valTrueFalse},
	"aria-multiline":              {Type: valTrueFalse},
	"aria-multiselectable":        {Type: valTrueFalse},
	"aria-orientation":            {Type: valToken, Tokens: []string{"horizontal", "vertical", "undefined"}},
	"aria-owns":                   {Type: valIDRefs, Global: true},
	"aria-placeholder":            {Type: valString},
	"aria-posinset":               {Type: valInteger},
	"aria-pressed":                {Type: valTristate},
	"aria-readonly":               {Type: valTrueFalse},
	"aria-relevant":               {Type: valTokens, Tokens: []string{"additions", "all", "removals", "text"}, Global: true},
	"aria-required":               {Type: valTrueFalse},
	"aria-roledescription":        {Type: valString, Global: true},
	"aria-rowcount":               {Type: valInteger},
	"aria-rowindex":               {Type: valInteger},
	"aria-rowindextext":           {Type: valString},
	"aria-rowspan":                {Type: valInteger},
	"aria-selected":               {Type: valTrueFalseUndefined},
	"aria-setsize":                {Type: valInteger},
	"aria-sort":                   {Type: valToken, Tokens: []string{"ascending", "descending", "none", "other"}},
	"aria-valuemax":               {Type: valNumber},
	"aria-valuemin":               {Type: valNumber},
	"aria-valuenow":               {Type: valNumber},
	"aria-valuetext":              {Type: valString},
}

// ariaRole describes one role. Supported lists the states and properties
// the role itself adds; a role also supports those of its superclass
// roles (Super) and the global ones.
type ariaRole struct {
	Abstract   bool
	Deprecated bool
	Super      []string
	Supported  []string
	Required   []string // required states and properties
	Prohibited []string // global states and properties the role prohibits
	Context    []string // required context roles: the role must be owned by one of these
	// Owned are the roles the element may own (WAI-ARIA "required owned
	// elements"); a group or rowgroup it owns must in turn own only these.
	Owned []string
	// Presentational: the role's children are presentational, so nothing
	// inside the element reaches assistive technology on its own.
	Presentational bool
}

// Prohibited global properties.
var (
	prohibitNaming = []string{"aria-label", "aria-labelledby", "aria-braillelabel"}
	prohibitAll    = []string{"aria-label", "aria-labelledby", "aria-braillelabel", "aria-roledescription", "aria-brailleroledescription"}
	menuOwned      = []string{"menuitem", "menuitemcheckbox", "menuitemradio", "group", "separator", "menu"}
	tableOwned     = []string{"row", "rowgroup", "caption"}
	rowContext     = []string{"row"}
)

// ariaRoleTable holds the roles of WAI-ARIA 1.2 (with the roles the ARIA
// 1.3 draft adds: association lists, comment, image, mark, sectionheader,
// sectionfooter and suggestion), DPUB-ARIA 1.1 and Graphics ARIA.
var ariaRoleTable = map[string]ariaRole{
	// Abstract roles: never valid in a role attribute.
	"command":     {Abstract: true, Super: []string{"widget"}},
	"composite":   {Abstract: true, Super: []string{"widget"}, Supported: []string{"aria-activedescendant"}},
	"input":       {Abstract: true, Super: []string{"widget"}},
	"landmark":    {Abstract: true, Super: []string{"section"}},
	"range":       {Abstract: true, Super: []string{"structure"}, Supported: []string{"aria-valuemax", "aria-valuemin", "aria-valuenow", "aria-valuetext"}},
	"roletype":    {Abstract: true},
	"section":     {Abstract: true, Super: []string{"structure"}},
	"sectionhead": {Abstract: true, Super: []string{"structure"}},
	"select":      {Abstract: true, Super: []string{"composite", "group"}, Supported: []string{"aria-orientation"}},
	"structure":   {Abstract: true, Super: []string{"roletype"}},
	"widget":      {Abstract: true, Super: []string{"roletype"}},
	"window":      {Abstract: true, Super: []string{"roletype"}, Supported: []string{"aria-modal"}},

	"alert":                    {Super: []string{"section"}},
	"alertdialog":              {Super: []string{"alert", "dialog"}},
	"associationlist":          {Super: []string{"section"}},
	"associationlistitemkey":   {Super: []string{"section"}},
	"associationlistitemvalue": {Super: []string{"section"}},
	"application":              {Super: []string{"structure"}, Supported: []string{"aria-activedescendant", "aria-expanded"}},
	"article":                  {Super: []string{"document"}, Supported: []string{"aria-posinset", "aria-setsize"}},
	"banner":                   {Super: []string{"landmark"}},
	"blockquote":               {Super: []string{"section"}},
	"button":                   {Super: []string{"command"}, Supported: []string{"aria-expanded", "aria-pressed"}, Presentational: true},
	"caption":                  {Super: []string{"section"}, Prohibited: prohibitNaming, Context: []string{"table", "grid", "treegrid", "figure"}},
	"cell":                     {Super: []string{"section"}, Supported: []string{"aria-colindex", "aria-colindextext", "aria-colspan", "aria-rowindex", "aria-rowindextext", "aria-rowspan"}, Context: rowContext},
	"checkbox":                 {Super: []string{"input"}, Supported: []string{"aria-checked", "aria-expanded", "aria-readonly", "aria-required"}, Required: []string{"aria-checked"}, Presentational: true},
	"code":                     {Super: []string{"section"}, Prohibited: prohibitNaming},
	"columnheader":             {Super: []string{"cell", "gridcell", "sectionhead"}, Supported: []string{"aria-sort"}, Context: rowContext},
	"combobox":                 {Super: []string{"input"}, Supported: []string{"aria-activedescendant", "aria-autocomplete", "aria-expanded", "aria-readonly", "aria-required"}, Required: []string{"aria-expanded"}},
	"comment":                  {Super: []string{"article"}, Supported: []string{"aria-level"}},
	"complementary":            {Super: []string{"landmark"}},
	"contentinfo":              {Super: []string{"landmark"}},
	"definition":               {Super: []string{"section"}},
	"deletion":                 {Super: []string{"section"}, Prohibited: prohibitNaming},
	"dialog":                   {Super: []string{"window"}},
	"directory":                {Super: []string{"list"}, Deprecated: true},
	"document":                 {Super: []string{"structure"}},
	"emphasis":                 {Super: []string{"section"}, Prohibited: prohibitNaming},
	"feed":                     {Super: []string{"list"}, Owned: []string{"article"}},
	"figure":                   {Super: []string{"section"}},
	"form":                     {Super: []string{"landmark"}},
	"generic":                  {Super: []string{"structure"}, Prohibited: prohibitAll},
	"grid":                     {Super: []string{"composite", "table"}, Supported: []string{"aria-multiselectable", "aria-readonly"}, Owned: tableOwned},
	"gridcell":                 {Super: []string{"cell", "widget"}, Supported: []string{"aria-expanded", "aria-readonly", "aria-required", "aria-selected"}, Context: rowContext},
	"group":                    {Super: []string{"section"}, Supported: []string{"aria-activedescendant"}},
	"heading":                  {Super: []string{"sectionhead"}, Supported: []string{"aria-level"}, Required: []string{"aria-level"}},
	"image":                    {Super: []string{"section"}, Presentational: true},
	"img":                      {Super: []string{"section"}, Presentational: true},
	"insertion":                {Super: []string{"section"}, Prohibited: prohibitNaming},
	"link":                     {Super: []string{"command"}, Supported: []string{"aria-expanded"}},
	"list":                     {Super: []string{"section"}, Owned: []string{"listitem"}},
	"listbox":                  {Super: []string{"select"}, Supported: []string{"aria-expanded", "aria-multiselectable", "aria-readonly", "aria-required"}, Owned: []string{"option", "group", "separator"}},
	"listitem":                 {Super: []string{"section"}, Supported: []string{"aria-level", "aria-posinset", "aria-setsize"}, Context: []string{"list", "directory"}},
	"log":                      {Super: []string{"section"}},
	"main":                     {Super: []string{"landmark"}},
	"mark":                     {Super: []string{"section"}, Prohibited: prohibitNaming},
	"marquee":                  {Super: []string{"section"}},
	"math":                     {Super: []string{"section"}, Presentational: true},
	"menu":                     {Super: []string{"select"}, Owned: menuOwned},
	"menubar":                  {Super: []string{"menu"}, Owned: menuOwned},
	"menuitem":                 {Super: []string{"command"}, Supported: []string{"aria-expanded", "aria-posinset", "aria-setsize"}, Context: []string{"menu", "menubar", "group"}},
	"menuitemcheckbox":         {Super: []string{"menuitem"}, Supported: []string{"aria-checked", "aria-readonly"}, Required: []string{"aria-checked"}, Context: []string{"menu", "menubar", "group"}, Presentational: true},
	"menuitemradio":            {Super: []string{"menuitemcheckbox"}, Supported: []string{"aria-checked"}, Required: []string{"aria-checked"}, Context: []string{"menu", "menubar", "group"}, Presentational: true},
	"meter":                    {Super: []string{"range"}, Required: []string{"aria-valuenow"}, Presentational: true},
	"navigation":               {Super: []string{"landmark"}},
	"none":                     {Super: []string{"structure"}, Prohibited: prohibitAll},
	"note":                     {Super: []string{"section"}},
	"option":                   {Super: []string{"input"}, Supported: []string{"aria-checked", "aria-posinset", "aria-selected", "aria-setsize"}, Context: []string{"listbox", "group"}, Presentational: true},
	"paragraph":                {Super: []string{"section"}, Prohibited: prohibitNaming},
	"presentation":             {Super: []string{"structure"}, Prohibited: prohibitAll},
	"progressbar":              {Super: []string{"range", "widget"}, Presentational: true},
	// aria-required on a radio button is not in WAI-ARIA 1.2, but screen
	// readers announce it and it is common: saavu allows it.
	"radio":         {Super: []string{"input"}, Supported: []string{"aria-checked", "aria-posinset", "aria-required", "aria-setsize"}, Required: []string{"aria-checked"}, Presentational: true},
	"radiogroup":    {Super: []string{"select"}, Supported: []string{"aria-readonly", "aria-required"}},
	"region":        {Super: []string{"landmark"}},
	"row":           {Super: []string{"group", "widget"}, Supported: []string{"aria-colindex", "aria-colindextext", "aria-expanded", "aria-level", "aria-posinset", "aria-rowindex", "aria-rowindextext", "aria-selected", "aria-setsize"}, Context: []string{"table", "grid", "treegrid", "rowgroup"}, Owned: []string{"cell", "columnheader", "gridcell", "rowheader"}},
	"rowgroup":      {Super: []string{"structure"}, Context: []string{"table", "grid", "treegrid"}, Owned: []string{"row"}},
	"rowheader":     {Super: []string{"cell", "gridcell", "sectionhead"}, Supported: []string{"aria-expanded", "aria-sort"}, Context: rowContext},
	"scrollbar":     {Super: []string{"range", "widget"}, Supported: []string{"aria-controls", "aria-orientation", "aria-valuemax", "aria-valuemin", "aria-valuenow"}, Required: []string{"aria-controls", "aria-valuenow"}, Presentational: true},
	"search":        {Super: []string{"landmark"}},
	"searchbox":     {Super: []string{"textbox"}},
	"sectionfooter": {Super: []string{"section"}},
	"sectionheader": {Super: []string{"section"}},
	"separator":     {Super: []string{"structure", "widget"}, Supported: []string{"aria-orientation", "aria-valuemax", "aria-valuemin", "aria-valuenow", "aria-valuetext"}, Presentational: true},
	"slider":        {Super: []string{"input", "range"}, Supported: []string{"aria-orientation", "aria-readonly", "aria-valuemax", "aria-valuemin", "aria-valuenow"}, Required: []string{"aria-valuenow"}, Presentational: true},
	"spinbutton":    {Super: []string{"composite", "input", "range"}, Supported: []string{"aria-readonly", "aria-required", "aria-valuemax", "aria-valuemin", "aria-valuenow"}},
	"status":        {Super: []string{"section"}},
	"strong":        {Super: []string{"section"}, Prohibited: prohibitNaming},
	"subscript":     {Super: []string{"section"}, Prohibited: prohibitNaming},
	"suggestion":    {Super: []string{"section"}, Prohibited: prohibitNaming},
	"superscript":   {Super: []string{"section"}, Prohibited: prohibitNaming},
	"switch":        {Super: []string{"checkbox"}, Supported: []string{"aria-checked"}, Required: []string{"aria-checked"}, Presentational: true},
	"tab":           {Super: []string{"sectionhead", "widget"}, Supported: []string{"aria-expanded", "aria-posinset", "aria-selected", "aria-setsize"}, Context: []string{"tablist"}, Presentational: true},
	"table":         {Super: []string{"section"}, Supported: []string{"aria-colcount", "aria-rowcount"}, Owned: tableOwned},
	"tablist":       {Super: []string{"composite"}, Supported: []string{"aria-multiselectable", "aria-orientation"}, Owned: []string{"tab"}},
	"tabpanel":      {Super: []string{"section"}},
	"term":          {Super: []string{"section"}},
	"textbox":       {Super: []string{"input"}, Supported: []string{"aria-activedescendant", "aria-autocomplete", "aria-multiline", "aria-placeholder", "aria-readonly", "aria-required"}},
	"time":          {Super: []string{"section"}},
	"timer":         {Super: []string{"status"}},
	"toolbar":       {Super: []string{"group"}, Supported: []string{"aria-orientation"}},
	"tooltip":       {Super: []string{"section"}},
	"tree":          {Super: []string{"select"}, Supported: []string{"aria-multiselectable", "aria-required"}, Owned: []string{"treeitem", "group"}},
	"treegrid":      {Super: []string{"grid", "tree"}, Owned: tableOwned},
	"treeitem":      {Super: []string{"listitem", "option"}, Supported: []string{"aria-expanded"}, Context: []string{"tree", "group"}},

	// Graphics ARIA.
	"graphics-document": {Super: []string{"document"}},
	"graphics-object":   {Super: []string{"group"}},
	"graphics-symbol":   {Super: []string{"img"}, Presentational: true},

	// DPUB-ARIA 1.1. Its roles have no required context or owned
	// elements that the W3C ACT rules test.
	"doc-abstract":        {Super: []string{"section"}},
	"doc-acknowledgments": {Super: []string{"landmark"}},
	"doc-afterword":       {Super: []string{"landmark"}},
	"doc-appendix":        {Super: []string{"landmark"}},
	"doc-backlink":        {Super: []string{"link"}},
	"doc-biblioentry":     {Super: []string{"listitem"}, Deprecated: true},
	"doc-bibliography":    {Super: []string{"landmark"}},
	"doc-biblioref":       {Super: []string{"link"}},
	"doc-chapter":         {Super: []string{"landmark"}},
	"doc-colophon":        {Super: []string{"section"}},
	"doc-conclusion":      {Super: []string{"landmark"}},
	"doc-cover":           {Super: []string{"img"}, Presentational: true},
	"doc-credit":          {Super: []string{"section"}},
	"doc-credits":         {Super: []string{"landmark"}},
	"doc-dedication":      {Super: []string{"section"}},
	"doc-endnote":         {Super: []string{"listitem"}, Deprecated: true},
	"doc-endnotes":        {Super: []string{"landmark"}},
	"doc-epigraph":        {Super: []string{"section"}},
	"doc-epilogue":        {Super: []string{"landmark"}},
	"doc-errata":          {Super: []string{"landmark"}},
	"doc-example":         {Super: []string{"section"}},
	"doc-footnote":        {Super: []string{"section"}},
	"doc-foreword":        {Super: []string{"landmark"}},
	"doc-glossary":        {Super: []string{"landmark"}},
	"doc-glossref":        {Super: []string{"link"}},
	"doc-index":           {Super: []string{"navigation"}},
	"doc-introduction":    {Super: []string{"landmark"}},
	"doc-noteref":         {Super: []string{"link"}},
	"doc-notice":          {Super: []string{"note"}},
	"doc-pagebreak":       {Super: []string{"separator"}, Presentational: true},
	"doc-pagefooter":      {Super: []string{"section"}},
	"doc-pageheader":      {Super: []string{"section"}},
	"doc-pagelist":        {Super: []string{"navigation"}},
	"doc-part":            {Super: []string{"landmark"}},
	"doc-preface":         {Super: []string{"landmark"}},
	"doc-prologue":        {Super: []string{"landmark"}},
	"doc-pullquote":       {Super: []string{"none"}, Deprecated: true},
	"doc-qna":             {Super: []string{"section"}},
	"doc-subtitle":        {Super: []string{"sectionhead"}},
	"doc-tip":             {Super: []string{"note"}},
	"doc-toc":             {Super: []string{"navigation"}},
}

// Markers returned by semanticRole besides ARIA role names.
const (
	// roleNoneHTML: an HTML element with no corresponding ARIA role (audio,
	// video, label…); ARIA in HTML allows only global attributes on it.
	roleNoneHTML = ""
	// roleUnknown: saavu cannot tell the role (input type=date, SVG
	// shapes, a custom element the browser gives its own role…); rules
	// that depend on the role skip the element.
	roleUnknown = "?"
)

// validRole reports whether r is a non-abstract role (r lower-case).
func validRole(r string) bool {
	info, ok := ariaRoleTable[r]
	return ok && !info.Abstract
}

// roleTokens returns the lower-cased tokens of the role attribute.
func roleTokens(n *Node) []string {
	return strings.Fields(strings.ToLower(n.AttrOr("role", "")))
}

// firstValidRole returns the first valid role in the element's role
// attribute, "" when there is none.
func firstValidRole(n *Node) string {
	for _, r := range roleTokens(n) {
		if validRole(r) {
			return r
		}
	}
	return ""
}

// roleSupports reports whether the role (or one of its superclasses)
// supports or requires the attribute. Global attributes are not included.
func roleSupports(role, attr string) bool {
	seen := map[string]bool{}
	var walk func(r string) bool
	walk = func(r string) bool {
		if seen[r] {
			return false
		}
		seen[r] = true
		info := ariaRoleTable[r]
		if slices.Contains(info.Supported, attr) || slices.Contains(info.Required, attr) {
			return true
		}
		for _, s := range info.Super {
			if walk(s) {
				return true
			}
		}
		return false
	}
	return walk(role)
}

// isPresentationalRole reports whether r is none or presentation.
func isPresentationalRole(r string) bool { return r == "none" || r == "presentation" }

// semanticRole returns the element's role as assistive technology gets it:
// the first valid role of its role attribute (unless it is none or
// presentation and the browser must ignore it, because the element is
// focusable or has a global ARIA attribute), else its implicit role.
// explicit says the role comes from the role attribute. The role is
// roleNoneHTML for an HTML element without a corresponding role and
// roleUnknown when saavu cannot tell.
func semanticRole(n *Node) (role string, explicit bool) {
	if n == nil || n.Type != ElementNode {
		return roleNoneHTML, false
	}
	if r := firstValidRole(n); r != "" {
		if !isPresentationalRole(r) || !presentationConflict(n) {
			return r, true
		}
	}
	return implicitRole(n), false
}

// presentationConflict reports whether the browser ignores role none or
// presentation on the element: it is focusable or has a global ARIA
// attribute. The naming and role-description attributes, which ARIA
// prohibits on these roles, do not count.
func presentationConflict(n *Node) bool {
	if f, _ := htmlFocusable(n); f {
		return true
	}
	for _, a := range n.Attrs {
		info, ok := ariaAttrs[a.Name]
		if !ok || !info.Global || slices.Contains(prohibitAll, a.Name) || a.Name == "aria-hidden" {
			continue
		}
		if strings.TrimSpace(a.Value) != "" {
			return true
		}
	}
	return false
}

// implicitRole returns the role HTML-AAM maps the element to.
func implicitRole(n *Node) string {
	switch n.Namespace {
	case "svg":
		if n.Name == "svg" {
			return "graphics-document"
		}
		return roleUnknown
	case "":
	default:
		return roleUnknown
	}
	switch n.Name {
	case "a", "area":
		if n.HasAttr("href") {
			return "link"
		}
		return "generic"
	case "article":
		return "article"
	case "aside":
		return "complementary"
	case "b", "bdi", "bdo", "body", "data", "div", "i", "pre", "q", "s", "samp", "small", "span", "u",
		"center", "font", "big", "tt", "nobr", "strike":
		return "generic"
	case "blockquote":
		return "blockquote"
	case "button":
		return "button"
	case "caption":
		if t := n.Closest("table"); t != nil {
			if r, _ := semanticRole(t); isPresentationalRole(r) {
				return "none"
			}
		}
		return "caption"
	case "code":
		return "code"
	case "datalist":
		return "listbox"
	case "dd":
		return "definition"
	case "del":
		return "deletion"
	case "details", "fieldset", "hgroup", "optgroup", "address":
		return "group"
	case "dfn", "dt":
		return "term"
	case "dialog":
		return "dialog"
	case "em":
		return "emphasis"
	case "figure":
		return "figure"
	case "footer", "header":
		for a := n.ParentElement(); a != nil; a = a.ParentElement() {
			if a.Is("article", "aside", "main", "nav", "section") {
				return "generic"
			}
		}
		if n.Name == "footer" {
			return "contentinfo"
		}
		return "banner"
	case "form":
		return "form"
	case "h1", "h2", "h3", "h4", "h5", "h6":
		return "heading"
	case "hr":
		return "separator"
	case "html":
		return "document"
	case "img":
		if alt, ok := n.Attr("alt"); ok && alt == "" {
			return "presentation"
		}
		return "img"
	case "input":
		return inputRole(n)
	case "ins":
		return "insertion"
	case "li":
		if p := n.ParentElement(); p != nil {
			switch r, _ := semanticRole(p); {
			case r == "list" || r == "directory":
				return "listitem"
			case isPresentationalRole(r):
				return "none"
			}
		}
		return "generic"
	case "main":
		return "main"
	case "mark":
		return "mark"
	case "math":
		return "math"
	case "menu", "ol", "ul":
		return "list"
	case "meter":
		return "meter"
	case "nav":
		return "navigation"
	case "option":
		return "option"
	case "output":
		return "status"
	case "p":
		return "paragraph"
	case "progress":
		return "progressbar"
	case "search":
		return "search"
	case "section":
		for _, a := range []string{"aria-label", "aria-labelledby", "title"} {
			if strings.TrimSpace(n.AttrOr(a, "")) != "" {
				return "region"
			}
		}
		return "generic"
	case "select":
		size := strings.TrimSpace(n.AttrOr("size", ""))
		if n.HasAttr("multiple") || (size != "" && size != "0" && size != "1") {
			return "listbox"
		}
		return "combobox"
	case "strong":
		return "strong"
	case "sub":
		return "subscript"
	case "sup":
		return "superscript"
	case "table":
		return "table"
	case "tbody", "thead", "tfoot", "tr", "td", "th":
		return tablePartRole(n)
	case "textarea":
		return "textbox"
	case "time":
		return "time"
	case "audio", "video", "canvas", "embed", "iframe", "object", "label", "legend", "figcaption",
		"abbr", "acronym", "cite", "kbd", "var", "ruby", "rt", "rp", "dl", "picture", "br", "wbr", "col", "colgroup", "map", "source", "track", "slot",
		"head", "title", "meta", "link", "base", "style", "script", "noscript", "template", "param":
		return roleNoneHTML
	case "summary":
		return roleUnknown // a disclosure button with its own rules in ARIA in HTML
	}
	if strings.Contains(n.Name, "-") {
		// A custom element is generic unless it declares its own role
		// (ElementInternals), which only the browser knows.
		if r := n.Role(); r != "" && r != "generic" && r != "none" {
			return roleUnknown
		}
		return "generic"
	}
	return roleUnknown
}

// inputRole returns the implicit role of an input element.
func inputRole(n *Node) string {
	t := strings.ToLower(strings.TrimSpace(n.AttrOr("type", "")))
	switch t {
	case "button", "image", "reset", "submit":
		return "button"
	case "checkbox":
		return "checkbox"
	case "radio":
		return "radio"
	case "range":
		return "slider"
	case "number":
		return "spinbutton"
	case "hidden":
		return roleNoneHTML
	case "color", "file", "date", "datetime-local", "month", "time", "week":
		return roleUnknown
	case "password":
		return "textbox" // no role, but ARIA in HTML allows the textbox attributes
	case "search":
		if n.HasAttr("list") {
			return "combobox"
		}
		return "searchbox"
	}
	if n.HasAttr("list") {
		return "combobox"
	}
	return "textbox"
}

// tablePartRole returns the implicit role of a row group, row or cell: it
// depends on the role of the table it belongs to.
func tablePartRole(n *Node) string {
	table := n.Closest("table")
	tr := "table"
	if table != nil {
		tr, _ = semanticRole(table)
	}
	switch {
	case isPresentationalRole(tr):
		return "none"
	case tr != "table" && tr != "grid" && tr != "treegrid":
		return "generic"
	}
	switch n.Name {
	case "tbody", "thead", "tfoot":
		return "rowgroup"
	case "tr":
		return "row"
	case "td":
		if tr == "table" {
			return "cell"
		}
		return "gridcell"
	}
	// th: the browser decides between column and row header.
	switch r := n.Role(); r {
	case "columnheader", "rowheader", "cell", "gridcell":
		return r
	}
	if s := strings.ToLower(n.AttrOr("scope", "")); s == "row" || s == "rowgroup" {
		return "rowheader"
	}
	return "columnheader"
}

// htmlFocusable reports whether the element can take focus by HTML rules,
// and whether it is in the sequential focus order (reachable with Tab).
// It does not rely on the accessibility tree, which leaves out the
// content of aria-hidden elements.
func htmlFocusable(n *Node) (focusable, sequential bool) {
	if n.Type != ElementNode || !n.Rendered() {
		return false, false
	}
	if v := n.Style("visibility"); v == "hidden" || v == "collapse" {
		return false, false
	}
	for e := n; e != nil; e = e.ParentElement() {
		if e.HasAttr("inert") {
			return false, false
		}
	}
	if htmlDisabled(n) {
		return false, false
	}
	if ti, ok := tabIndex(n); ok {
		return true, ti >= 0
	}
	if nativelyFocusable(n) {
		return true, true
	}
	return false, false
}

// nativelyFocusable reports whether the element takes focus without a
// tabindex attribute.
func nativelyFocusable(n *Node) bool {
	if n.Namespace == "svg" {
		return n.Name == "a" && (n.HasAttr("href") || n.HasAttr("xlink:href"))
	}
	if n.Namespace != "" {
		return false
	}
	switch n.Name {
	case "a", "area":
		return n.HasAttr("href")
	case "button", "select", "textarea", "iframe":
		return true
	case "input":
		return !strings.EqualFold(strings.TrimSpace(n.AttrOr("type", "")), "hidden")
	case "summary":
		p := n.ParentElement()
		if p == nil || !p.Is("details") {
			return false
		}
		for _, c := range p.ChildNodes() {
			if c.Is("summary") {
				return c == n
			}
		}
		return false
	case "audio", "video":
		return n.HasAttr("controls")
	}
	if v, ok := n.Attr("contenteditable"); ok && !strings.EqualFold(strings.TrimSpace(v), "false") {
		return true
	}
	return false
}

// htmlDisabled reports whether a form control is disabled, by its disabled
// attribute or a disabled fieldset around it (outside its first legend).
func htmlDisabled(n *Node) bool {
	if !n.Is("button", "input", "select", "textarea", "optgroup", "option", "fieldset") {
		return false
	}
	if n.HasAttr("disabled") {
		return true
	}
	child := n
	for a := n.ParentElement(); a != nil; child, a = a, a.ParentElement() {
		if !a.Is("fieldset") || !a.HasAttr("disabled") {
			continue
		}
		var legend *Node
		for _, c := range a.ChildNodes() {
			if c.Is("legend") {
				legend = c
				break
			}
		}
		if legend == nil || child != legend {
			return true
		}
	}
	return false
}

// ariaExcluded reports whether the element is left out of the
// accessibility tree for everyone: not rendered, invisible, or inside
// aria-hidden="true". Options of a select are not laid out but are
// exposed, so for them only aria-hidden counts.
func ariaExcluded(n *Node) bool {
	if inSelect(n) {
		return ariaHidden(n)
	}
	return programmaticallyHidden(n)
}

// inSelect reports whether n is an option or optgroup inside a select or
// datalist.
func inSelect(n *Node) bool {
	if !n.Is("option", "optgroup", "hr") {
		return false
	}
	for p := n.ParentElement(); p != nil; p = p.ParentElement() {
		if p.Is("select") {
			return p.Rendered()
		}
		if !p.Is("optgroup") {
			return false
		}
	}
	return false
}

// hasGlobalARIA reports whether the element has a global ARIA attribute
// with a value, aria-hidden="false" aside.
func hasGlobalARIA(n *Node) bool {
	for _, a := range n.Attrs {
		if info, ok := ariaAttrs[a.Name]; ok && info.Global && a.Name != "aria-hidden" && strings.TrimSpace(a.Value) != "" {
			return true
		}
	}
	return false
}

// ariaTree holds the ownership relations of a page's accessibility tree:
// aria-owns moves elements under their owner.
type ariaTree struct {
	owner map[*Node]*Node // element -> the element that aria-owns it
	owns  map[*Node][]*Node
}

func newARIATree(p *Page) *ariaTree {
	t := &ariaTree{owner: map[*Node]*Node{}, owns: map[*Node][]*Node{}}
	elements := allElements(p)
	for _, n := range elements {
		v, ok := n.Attr("aria-owns")
		if !ok || programmaticallyHidden(n) {
			continue
		}
		for _, id := range strings.Fields(v) {
			target := idInScope(elements, n, id)
			if target == nil || target == n || t.owner[target] != nil || isAncestor(target, n) {
				continue
			}
			t.owner[target] = n
			t.owns[n] = append(t.owns[n], target)
		}
	}
	return t
}

// idInScope returns the first element with the id in the same document or
// shadow tree as n: id references do not cross shadow boundaries.
func idInScope(elements []*Node, n *Node, id string) *Node {
	scope := ariaScope(n)
	for _, e := range elements {
		if v, ok := e.Attr("id"); ok && v == id && ariaScope(e) == scope {
			return e
		}
	}
	return nil
}

// ariaScope returns what identifies the tree n is in: the shadow host for
// an element in a shadow tree, else the document. The page model keeps
// shadow trees under their host without a shadow root node, so nested
// shadow trees share the scope of the outermost one.
func ariaScope(n *Node) *Node {
	e := n
	for e.Shadow != "" {
		p := e.ParentNode()
		if p == nil || p.Type == DocumentNode {
			return p
		}
		if p.Shadow == "" {
			return p
		}
		e = p
	}
	for p := e.ParentNode(); p != nil; p = p.ParentNode() {
		if p.Type == DocumentNode {
			return p
		}
	}
	return nil
}

// isAncestor reports whether a is an ancestor of n (across shadow roots).
func isAncestor(a, n *Node) bool {
	for e := upElement(n); e != nil; e = upElement(e) {
		if e == a {
			return true
		}
	}
	return false
}

// ariaTransparent reports whether an element passes its children to its
// parent in the accessibility tree: role none or presentation, an element
// with no corresponding role, or a plain generic wrapper (not focusable,
// no global ARIA attribute) around some content.
func ariaTransparent(n *Node, role string) bool {
	switch role {
	case "none", "presentation", roleNoneHTML:
		return true
	case "generic":
		if f, _ := htmlFocusable(n); f || hasGlobalARIA(n) {
			return false
		}
		return hasContent(n)
	}
	return false
}

// hasContent reports whether the element has a rendered child element or
// some text.
func hasContent(n *Node) bool {
	for _, c := range n.ChildNodes() {
		switch c.Type {
		case TextNode:
			if !blank(c.Text) {
				return true
			}
		case ElementNode:
			if !ariaExcluded(c) {
				return true
			}
		}
	}
	return false
}

// ownedItem is one child of an element in the accessibility tree: an
// element with its role, or a piece of text.
type ownedItem struct {
	Node *Node // the element, or the text node
	Role string
	Text bool
}

// ownedBy returns the children of n in the accessibility tree: its DOM
// children (shadow trees flattened) and the elements it aria-owns, less
// what is hidden or aria-owned elsewhere, with transparent elements
// replaced by their own children.
func (t *ariaTree) ownedBy(n *Node) []ownedItem {
	var out []ownedItem
	var add func(c *Node)
	add = func(c *Node) {
		switch c.Type {
		case TextNode:
			if !blank(c.Text) {
				out = append(out, ownedItem{Node: c, Text: true})
			}
			return
		case ElementNode:
		default:
			return
		}
		if ariaExcluded(c) {
			return
		}
		role, _ := semanticRole(c)
		if c.Is("br", "wbr") {
			return
		}
		if ariaTransparent(c, role) {
			for _, cc := range t.children(c) {
				add(cc)
			}
			return
		}
		out = append(out, ownedItem{Node: c, Role: role})
	}
	for _, c := range t.children(n) {
		add(c)
	}
	return out
}

// children returns the DOM children of n that n owns, then the elements
// it aria-owns.
func (t *ariaTree) children(n *Node) []*Node {
	var out []*Node
	for _, c := range n.ChildNodes() {
		if o := t.owner[c]; o != nil && o != n {
			continue
		}
		out = append(out, c)
	}
	return append(out, t.owns[n]...)
}

// parentOf returns the element that owns n in the accessibility tree: its
// aria-owns owner, else its nearest ancestor that is not transparent.
func (t *ariaTree) parentOf(n *Node) *Node {
	e := n
	for {
		next := t.owner[e]
		if next == nil {
			next = e.ParentElement()
		}
		if next == nil {
			return nil
		}
		role, _ := semanticRole(next)
		if isPresentationalRole(role) || role == roleNoneHTML || (role == "generic" && ariaTransparent(next, role)) {
			e = next
			continue
		}
		return next
	}
}

// ariaBusy reports whether the element or an ancestor has aria-busy="true".
func ariaBusy(n *Node) bool {
	for e := n; e != nil; e = upElement(e) {
		if equalFoldTrim(e.AttrOr("aria-busy", ""), "true") {
			return true
		}
	}
	return false
}

// ariaHTMLDoc reports whether the page is an HTML or SVG document (the
// ARIA rules do not test other XML documents).
func ariaHTMLDoc(p *Page) bool {
	r := p.Root()
	return r != nil && (r.Is("html") || (r.Namespace == "svg" && r.Name == "svg"))
}

var (
	integerRe = regexp.MustCompile(`^[-+]?[0-9]+$`)
	numberRe  = regexp.MustCompile(`^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$`)
)

// validARIAValue reports whether v is a valid value of the attribute.
// Values are compared without regard to case and surrounding white space;
// id references need not point to an element.
func validARIAValue(info ariaAttr, v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	switch info.Type {
	case valTrueFalse:
		return v == "true" || v == "false"
	case valTrueFalseUndefined:
		return v == "true" || v == "false" || v == "undefined"
	case valTristate:
		return v == "true" || v == "false" || v == "mixed" || v == "undefined"
	case valInteger:
		return integerRe.MatchString(v)
	case valNumber:
		return numberRe.MatchString(v)
	case valToken:
		return slices.Contains(info.Tokens, v)
	case valTokens:
		for _, tok := range strings.Fields(v) {
			if !slices.Contains(info.Tokens, tok) {
				return false
			}
		}
		return true
	}
	return true // strings and id references
}

// describeValues says in words which values the attribute takes, for a
// message: `"true" or "false"`.
func describeValues(info ariaAttr) Text {
	switch info.Type {
	case valTrueFalse:
		return msg(`"true" or "false"`)
	case valTrueFalseUndefined:
		return msg(`"true", "false" or "undefined"`)
	case valTristate:
		return msg(`"true", "false", "mixed" or "undefined"`)
	case valInteger:
		return msg("a whole number, such as 2")
	case valNumber:
		return msg("a number, such as 25 or 2.5")
	case valToken:
		return msg("one of %s", quoteList(info.Tokens))
	case valTokens:
		return msg("one or more of %s, separated by spaces", quoteList(info.Tokens))
	}
	return msg("any text")
}

// closestWord returns the word of the list nearest to s by edit distance,
// when it is near enough to be a likely typo, else "".
func closestWord(s string, words []string) string {
	best, bestD := "", 1<<30
	for _, w := range words {
		if d := editDistance(s, w); d < bestD || (d == bestD && w < best) {
			best, bestD = w, d
		}
	}
	if bestD <= 2 || (best != "" && (strings.HasPrefix(best, s) || strings.HasPrefix(s, best)) && len(s) > 6) {
		return best
	}
	return ""
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// roleLabel names a role with presentational children in plain words,
// for messages: "radio button"; other roles go by their ARIA name.
func roleLabel(role string) Text {
	switch role {
	case "button":
		return msg("button")
	case "checkbox":
		return msg("checkbox")
	case "img", "image":
		return msg("image")
	case "tab":
		return msg("tab")
	case "menuitemcheckbox":
		return msg("menu item checkbox")
	case "menuitemradio":
		return msg("menu item radio button")
	case "option":
		return msg("option")
	case "progressbar":
		return msg("progress bar")
	case "radio":
		return msg("radio button")
	case "scrollbar":
		return msg("scroll bar")
	case "separator":
		return msg("separator")
	case "slider":
		return msg("slider")
	case "switch":
		return msg("switch")
	case "meter":
		return msg("meter")
	case "math":
		return msg("math formula")
	case "graphics-symbol":
		return msg("graphic symbol")
	case "doc-cover":
		return msg("cover image")
	case "doc-pagebreak":
		return msg("page break")
	}
	return msg("%s element", role)
}

// roleNoun names a role for a message: `role="img"`, or the element when
// the role is implicit: `<audio>`.
func roleNoun(n *Node, role string, explicit bool) Text {
	switch {
	case explicit:
		return msg(`role="%s"`, role)
	case role == roleNoneHTML || role == roleUnknown:
		return msg("<%s>", n.Name)
	}
	return msg("<%s> (role %s)", n.Name, role)
}
