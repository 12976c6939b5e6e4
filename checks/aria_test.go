package checks

import (
	"maps"
	"slices"
	"testing"
)

// TestARIATables checks that the WAI-ARIA tables refer only to roles and
// attributes they define.
func TestARIATables(t *testing.T) {
	for _, name := range slices.Sorted(maps.Keys(ariaRoleTable)) {
		r := ariaRoleTable[name]
		for _, s := range r.Super {
			if _, ok := ariaRoleTable[s]; !ok {
				t.Errorf("role %s: unknown superclass %s", name, s)
			}
		}
		for _, list := range [][]string{r.Supported, r.Required, r.Prohibited} {
			for _, a := range list {
				if _, ok := ariaAttrs[a]; !ok {
					t.Errorf("role %s: unknown attribute %s", name, a)
				}
			}
		}
		for _, a := range r.Prohibited {
			if !ariaAttrs[a].Global {
				t.Errorf("role %s: prohibits %s, which is not global", name, a)
			}
		}
		for _, list := range [][]string{r.Context, r.Owned} {
			for _, c := range list {
				if !validRole(c) {
					t.Errorf("role %s: context or owned role %s is not a valid role", name, c)
				}
			}
		}
		if r.Abstract && (len(r.Context) > 0 || len(r.Owned) > 0 || len(r.Required) > 0) {
			t.Errorf("abstract role %s has context, owned or required attributes", name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(ariaAttrs)) {
		a := ariaAttrs[name]
		if (a.Type == valToken || a.Type == valTokens) != (len(a.Tokens) > 0) {
			t.Errorf("attribute %s: tokens and type disagree", name)
		}
	}
}

func TestRoleSupports(t *testing.T) {
	tests := []struct {
		role, attr string
		want       bool
	}{
		{"switch", "aria-required", true}, // inherited from checkbox
		{"switch", "aria-checked", true},  // required
		{"menuitemradio", "aria-checked", true},
		{"menuitemradio", "aria-posinset", true}, // from menuitem
		{"columnheader", "aria-sort", true},
		{"columnheader", "aria-selected", true}, // from gridcell
		{"cell", "aria-sort", false},
		{"img", "aria-expanded", false},
		{"listitem", "aria-expanded", false},
		{"treeitem", "aria-selected", true}, // from option
		{"treeitem", "aria-level", true},    // from listitem
		{"separator", "aria-valuenow", true},
		{"progressbar", "aria-valuenow", true}, // from range
		{"searchbox", "aria-placeholder", true},
		{"alertdialog", "aria-modal", true}, // from window via dialog
		{"doc-noteref", "aria-expanded", true},
		{"generic", "aria-checked", false},
		{"toolbar", "aria-activedescendant", true}, // from group
	}
	for _, tt := range tests {
		if got := roleSupports(tt.role, tt.attr); got != tt.want {
			t.Errorf("roleSupports(%q, %q) = %v, want %v", tt.role, tt.attr, got, tt.want)
		}
	}
}

func TestValidARIAValue(t *testing.T) {
	tests := []struct {
		attr, value string
		want        bool
	}{
		{"aria-required", "true", true},
		{"aria-required", "undefined", false},
		{"aria-expanded", "undefined", true},
		{"aria-expanded", "collapsed", false},
		{"aria-expanded", " TRUE ", true},
		{"aria-pressed", "mixed", true},
		{"aria-pressed", "horizontal", false},
		{"aria-rowindex", "2", true},
		{"aria-rowindex", "2.5", false},
		{"aria-setsize", "-1", true},
		{"aria-valuenow", "1.5", true},
		{"aria-valuenow", "-.5e2", true},
		{"aria-valuenow", "two", false},
		{"aria-valuenow", "50%", false},
		{"aria-live", "page", false},
		{"aria-relevant", "text removals", true},
		{"aria-relevant", "text always", false},
		{"aria-current", "page", true},
		{"aria-errormessage", "no-such-id", true},
		{"aria-label", "anything", true},
	}
	for _, tt := range tests {
		if got := validARIAValue(ariaAttrs[tt.attr], tt.value); got != tt.want {
			t.Errorf("validARIAValue(%s=%q) = %v, want %v", tt.attr, tt.value, got, tt.want)
		}
	}
}

func TestClosestWord(t *testing.T) {
	tests := []struct{ in, want string }{
		{"aria-labeledby", "aria-labelledby"},
		{"aria-labelled", "aria-labelledby"},
		{"aria-describeby", "aria-describedby"},
		{"aria-not-checked", ""},
		{"aria-role", ""},
	}
	for _, tt := range tests {
		if got := closestWord(tt.in, ariaAttrNames); got != tt.want {
			t.Errorf("closestWord(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := closestWord("lnik", concreteRoles); got != "link" {
		t.Errorf("closestWord(lnik) = %q, want link", got)
	}
}
