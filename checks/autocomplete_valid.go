package checks

import (
	"slices"
	"strings"
)

// AutocompleteValid checks that the autocomplete attribute of a form field
// has a value browsers understand (ACT 73f2c2).
var AutocompleteValid = &Rule{
	ID:      "autocomplete-valid",
	Title:   "Form fields' autocomplete values are valid",
	Doc:     doc("autocomplete-valid"),
	HelpURL: understanding("1.3.5"),
	WCAG:    []string{"1.3.5"},
	ACT:     []string{"73f2c2"},
	Impact:  Serious,
	Run:     runAutocompleteValid,
}

// autofillGroup is the control group of an autofill field name (HTML,
// "Autofilling form controls"): it says which input types may use it.
type autofillGroup int

const (
	groupText autofillGroup = iota
	groupMultiline
	groupPassword
	groupUsername
	groupURL
	groupEmail
	groupTel
	groupNumeric
	groupMonth
	groupDate
)

// autofillFields maps each autofill field name of the HTML standard to its
// control group.
var autofillFields = map[string]autofillGroup{
	"name": groupText, "honorific-prefix": groupText, "given-name": groupText, "additional-name": groupText,
	"family-name": groupText, "honorific-suffix": groupText, "nickname": groupText,
	"username": groupUsername, "new-password": groupPassword, "current-password": groupPassword,
	"one-time-code": groupPassword, "organization-title": groupText, "organization": groupText,
	"street-address": groupMultiline, "address-line1": groupText, "address-line2": groupText,
	"address-line3": groupText, "address-level4": groupText, "address-level3": groupText,
	"address-level2": groupText, "address-level1": groupText, "country": groupText,
	"country-name": groupText, "postal-code": groupText, "cc-name": groupText, "cc-given-name": groupText,
	"cc-additional-name": groupText, "cc-family-name": groupText, "cc-number": groupText,
	"cc-exp": groupMonth, "cc-exp-month": groupNumeric, "cc-exp-year": groupNumeric, "cc-csc": groupText,
	"cc-type": groupText, "transaction-currency": groupText, "transaction-amount": groupNumeric,
	"language": groupText, "bday": groupDate, "bday-day": groupNumeric, "bday-month": groupNumeric,
	"bday-year": groupNumeric, "sex": groupText, "url": groupURL, "photo": groupURL,
	// Contact fields: they may follow home, work, mobile, fax or pager.
	"tel": groupTel, "tel-country-code": groupText, "tel-national": groupText, "tel-area-code": groupText,
	"tel-local": groupText, "tel-local-prefix": groupText, "tel-local-suffix": groupText,
	"tel-extension": groupText, "email": groupEmail, "impp": groupURL,
}

// contactField reports whether the field may take a home/work/mobile/fax/
// pager token before it.
func contactField(f string) bool {
	return f == "email" || f == "impp" || f == "tel" || strings.HasPrefix(f, "tel-")
}

// typeGroups lists, for the input types that restrict the value, the
// control groups they accept. Text-like types (text, search, hidden),
// textarea and select accept every group and are not listed.
var typeGroups = map[string][]autofillGroup{
	"password": {groupPassword},
	"email":    {groupUsername, groupEmail},
	"url":      {groupURL},
	"tel":      {groupTel},
	"number":   {groupNumeric},
	"range":    {groupNumeric},
	"month":    {groupMonth},
	"date":     {groupDate},
}

// ACT 73f2c2 applies to input, select and textarea elements whose
// autocomplete value is not blank and not a lone "on"/"off", unless the
// field is disabled, a button-like or fixed-value input, hidden from
// everyone, or neither focusable nor a widget.
func runAutocompleteValid(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if !n.Is("input", "select", "textarea") {
			continue
		}
		v, ok := n.Attr("autocomplete")
		if !ok || blank(v) {
			continue
		}
		tokens := strings.Fields(strings.ToLower(v))
		if len(tokens) == 1 && (tokens[0] == "on" || tokens[0] == "off") {
			continue
		}
		typ := ""
		if n.Is("input") {
			typ = strings.ToLower(strings.TrimSpace(n.AttrOr("type", "text")))
			switch typ {
			case "hidden", "button", "checkbox", "file", "image", "radio", "reset", "submit":
				continue
			}
		}
		if htmlDisabled(n) || equalFoldTrim(n.AttrOr("aria-disabled", ""), "true") {
			continue
		}
		if cssHidden(n) && !n.Exposed() {
			continue
		}
		if _, seq := htmlFocusable(n); !seq {
			if role, _ := semanticRole(n); !roleInherits(role, "widget") {
				continue
			}
		}
		if why, bad := autocompleteProblem(tokens, typ); bad {
			pass.Failed(n, "The autocomplete value %s is not valid: %s. Browsers and assistive tools then cannot recognise what the field asks for. Use one of the standard values, e.g. autocomplete=\"email\", \"given-name\", \"postal-code\" or \"tel\" (optionally after \"billing\"/\"shipping\" or, for e-mail and phone, \"home\"/\"work\"/\"mobile\").", quoteShort(v), why)
			continue
		}
		pass.Passed(n)
	}
	return nil
}

// autocompleteProblem checks the lower-cased tokens against the HTML
// autofill detail grammar:
//
//	[section-*] [shipping|billing] [home|work|mobile|fax|pager] field [webauthn]
//
// typ is the input's type ("" for select and textarea). It returns why the
// value is invalid; bad is false when it is valid.
func autocompleteProblem(tokens []string, typ string) (why Text, bad bool) {
	t := tokens
	if len(t) > 0 && t[len(t)-1] == "webauthn" {
		t = t[:len(t)-1]
		if len(t) == 0 {
			return msg(`"webauthn" must follow a field name such as "username" or "current-password"`), true
		}
	}
	if len(t) == 0 {
		return msg("it names no field"), true
	}
	field := t[len(t)-1]
	group, ok := autofillFields[field]
	if !ok {
		switch field {
		case "on", "off":
			return msg(`"%s" cannot be combined with other values`, field), true
		case "shipping", "billing", "home", "work", "mobile", "fax", "pager":
			return msg(`"%s" must be followed by a field name, such as "street-address" or "email"`, field), true
		}
		if strings.HasPrefix(field, "section-") {
			return msg("the section name must be followed by a field name"), true
		}
		return msg(`"%s" is not an autocomplete field name`, field), true
	}
	rest := t[:len(t)-1]
	if len(rest) > 0 {
		switch rest[len(rest)-1] {
		case "home", "work", "mobile", "fax", "pager":
			if !contactField(field) {
				return msg(`"%s" can only come before "email", "tel" or "impp", not "%s"`, rest[len(rest)-1], field), true
			}
			rest = rest[:len(rest)-1]
		}
	}
	if len(rest) > 0 && (rest[len(rest)-1] == "shipping" || rest[len(rest)-1] == "billing") {
		rest = rest[:len(rest)-1]
	}
	if len(rest) > 0 && strings.HasPrefix(rest[len(rest)-1], "section-") {
		rest = rest[:len(rest)-1]
	}
	if len(rest) > 0 {
		return msg(`"%s" is not allowed there (the order is: section-…, shipping or billing, home/work/mobile/fax/pager, then the field name)`, strings.Join(rest, " ")), true
	}
	if groups, ok := typeGroups[typ]; ok && !slices.Contains(groups, group) {
		return msg(`"%s" does not fit an input of type="%s"`, field, typ), true
	}
	return Text{}, false
}

// roleInherits reports whether role is super or one of its subclasses.
func roleInherits(role, super string) bool {
	seen := map[string]bool{}
	var walk func(r string) bool
	walk = func(r string) bool {
		if r == super {
			return true
		}
		if seen[r] {
			return false
		}
		seen[r] = true
		for _, s := range ariaRoleTable[r].Super {
			if walk(s) {
				return true
			}
		}
		return false
	}
	return walk(role)
}
