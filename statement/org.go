package statement

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"saavu/review"
)

// Org is what org.yaml says about the public-sector body and its
// statement: everything the EU model statement asks for that the audit
// cannot know.
type Org struct {
	Law         string   `yaml:"law"` // fi or eu: the jurisdiction, not the language
	Name        Text     `yaml:"name"`
	NationalLaw Text     `yaml:"nationalLaw"` // law eu: the national law that transposes the Directive
	Scope       Scope    `yaml:"scope"`
	StatementAt string   `yaml:"statementUrl"` // where the statement is published
	Feedback    Feedback `yaml:"feedback"`
	Contact     Contact  `yaml:"contact"`
	// ResponseDays is how soon feedback is answered: 14 under law fi;
	// stated by the body under law eu.
	ResponseDays int        `yaml:"responseDays"`
	Assessment   Assessment `yaml:"assessment"`
	Dates        Dates      `yaml:"dates"`
	Authority    *Authority `yaml:"authority"` // default under law fi: Traficom
	Optional     Optional   `yaml:"optional"`

	lines map[string]int // field path -> line in the file, for errors
}

// Scope is what the statement covers.
type Scope struct {
	Sites []Site `yaml:"sites"`
	Apps  []App  `yaml:"apps"`
}

// Site is a website the statement covers.
type Site struct {
	URL  string `yaml:"url"`
	Name Text   `yaml:"name"`
}

// App is a mobile application the statement covers.
type App struct {
	Name      Text   `yaml:"name"`
	Version   string `yaml:"version"`
	Platforms string `yaml:"platforms"`
}

// Feedback is how users report barriers and ask for inaccessible content.
type Feedback struct {
	URL   string `yaml:"url"` // the feedback form or page: the model asks for a link
	Email string `yaml:"email"`
	Phone string `yaml:"phone"`
}

// Contact is the person or unit responsible for accessibility.
type Contact struct {
	Unit    Text   `yaml:"unit"`
	Email   string `yaml:"email"`
	Phone   string `yaml:"phone"`
	Address Text   `yaml:"address"`
}

// Assessment says how the accessibility was assessed.
type Assessment struct {
	Method   string `yaml:"method"`   // self or thirdParty
	Assessor Text   `yaml:"assessor"` // who assessed (thirdParty: required)
	Report   string `yaml:"report"`   // link to the evaluation report
}

// Assessment methods.
const (
	SelfAssessment = "self"
	ThirdParty     = "thirdParty"
)

// Dates of the statement and the site, YYYY-MM-DD.
type Dates struct {
	Prepared  string `yaml:"prepared"`
	Reviewed  string `yaml:"reviewed"`  // last review of the statement
	Published string `yaml:"published"` // the site was published
	Revised   string `yaml:"revised"`   // last substantial revision of the site
}

// Authority is the enforcement body users turn to when the reply is
// unsatisfactory or does not come.
type Authority struct {
	Name    Text   `yaml:"name"`
	URL     Text   `yaml:"url"` // its information site, per language
	Email   string `yaml:"email"`
	Phone   string `yaml:"phone"`
	Address Text   `yaml:"address"`
}

// Optional is the model statement's optional content.
type Optional struct {
	Policy       Text     `yaml:"policy"`
	ActionPlan   Text     `yaml:"actionPlan"`
	Training     Text     `yaml:"training"`
	UserTesting  Text     `yaml:"userTesting"`
	Technologies []string `yaml:"technologies"`
	TestedWith   []string `yaml:"testedWith"` // browsers and assistive technologies
}

// Text is text in one language or several: a string, or {fi: …, sv: …, en: …}.
type Text = review.Text

// Traficom is the supervisory authority of 306/2019 since 1 January 2025
// (HE 71/2024 moved the supervision there from the Regional State
// Administrative Agency for Southern Finland).
var Traficom = Authority{
	Name: Text{
		"fi": "Liikenne- ja viestintävirasto Traficom, saavutettavuuden valvonta",
		"sv": "Transport- och kommunikationsverket Traficom, tillsynen över tillgänglighet",
		"en": "Finnish Transport and Communications Agency Traficom, accessibility supervision",
	},
	URL: Text{
		"fi": "https://www.saavutettavuusvaatimukset.fi/",
		"sv": "https://www.tillganglighetskrav.fi/",
		"en": "https://www.webaccessibility.fi/",
	},
	Phone: "029 534 5000",
}

// outdatedAuthority matches contact details of the Regional State
// Administrative Agency, which supervised accessibility until 2024.
var outdatedAuthority = regexp.MustCompile(`(?i)avi\.fi|aluehallintovirasto|regionförvaltningsverk`)

//go:embed org.template.yaml
var orgTemplate []byte

// Template returns the commented org.yaml that --init writes: its example
// values make a valid statement, and Check refuses them in a real run.
func Template() []byte { return bytes.Clone(orgTemplate) }

// ReadOrg parses org.yaml; name is used in errors. An unknown field, or a
// value of the wrong kind, is an error naming its line.
func ReadOrg(data []byte, name string) (*Org, error) {
	var o Org
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&o); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("%s:\n  %s", name, strings.Join(te.Errors, "\n  "))
		}
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if o.Law == review.LawFI && o.Authority == nil {
		a := Traficom
		o.Authority = &a
	}
	if o.Law == review.LawFI && o.ResponseDays == 0 {
		o.ResponseDays = 14
	}
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root)
	o.lines = map[string]int{}
	if len(root.Content) > 0 {
		recordLines(root.Content[0], "", o.lines)
	}
	return &o, nil
}

// recordLines notes the line of every field, by its dotted path.
func recordLines(n *yaml.Node, prefix string, lines map[string]int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := n.Content[i].Value
			if prefix != "" {
				p = prefix + "." + p
			}
			lines[p] = n.Content[i].Line
			recordLines(n.Content[i+1], p, lines)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", prefix, i)
			lines[p] = c.Line
			recordLines(c, p, lines)
		}
	}
}

var dateFormat = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Check lists what is wrong with org.yaml: missing required content,
// values of the wrong form, and (unless draft) the template's example
// values left unchanged. Each problem names its line.
func (o *Org) Check(name string, draft bool) error {
	var probs []string
	add := func(field, format string, args ...any) {
		line := o.lines[field]
		for line == 0 && strings.Contains(field, ".") {
			field = field[:strings.LastIndex(field, ".")]
			line = o.lines[field]
		}
		probs = append(probs, fmt.Sprintf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	if !slices.Contains(review.Laws, o.Law) {
		add("law", "law: %q is not one of %s (the jurisdiction, not the language of the statement)", o.Law, strings.Join(review.Laws, ", "))
	}
	if o.Name.Empty() {
		add("name", "name: give the name of the public-sector body")
	}
	if len(o.Scope.Sites) == 0 && len(o.Scope.Apps) == 0 {
		add("scope", "scope: list the sites (and apps) the statement covers")
	}
	for i, s := range o.Scope.Sites {
		if !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
			add(fmt.Sprintf("scope.sites[%d]", i), "scope.sites: %q is not a web address (https://…)", s.URL)
		}
	}
	if o.Feedback.URL == "" && o.Feedback.Email == "" && o.Feedback.Phone == "" {
		add("feedback", "feedback: give at least one way to give feedback (url, email or phone)")
	}
	if o.Law == review.LawEU && o.ResponseDays <= 0 {
		add("responseDays", "responseDays: say within how many days feedback is answered")
	}
	switch o.Assessment.Method {
	case SelfAssessment:
	case ThirdParty:
		if o.Assessment.Assessor.Empty() {
			add("assessment.method", "assessment.assessor: name the third party that assessed the site")
		}
	default:
		add("assessment.method", "assessment.method: %q is not self or thirdParty", o.Assessment.Method)
	}
	if o.Dates.Prepared == "" {
		add("dates", "dates.prepared: give the date the statement was prepared (YYYY-MM-DD)")
	}
	for field, v := range map[string]string{"prepared": o.Dates.Prepared, "reviewed": o.Dates.Reviewed, "published": o.Dates.Published, "revised": o.Dates.Revised} {
		if v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, v); err != nil || !dateFormat.MatchString(v) {
			add("dates."+field, "dates.%s: %q is not a date: write YYYY-MM-DD", field, v)
		}
	}
	if o.Authority == nil || o.Authority.Name.Empty() {
		add("authority", "authority: give the name and contact details of the enforcement body")
	}
	if !draft {
		for _, field := range o.templateValues() {
			add(field, "%s is still the template's example value: write your own, or pass --draft to make a draft", field)
		}
	}
	slices.SortStableFunc(probs, compareProblem)
	if len(probs) > 0 {
		return fmt.Errorf("%s has %d problem(s):\n  %s", name, len(probs), strings.Join(probs, "\n  "))
	}
	return nil
}

func compareProblem(a, b string) int {
	line := func(s string) int {
		var n int
		if _, after, ok := strings.Cut(s, ":"); ok {
			fmt.Sscanf(after, "%d", &n)
		}
		return n
	}
	return line(a) - line(b)
}

// templateValues lists the fields that still hold the template's example.
func (o *Org) templateValues() []string {
	t, err := ReadOrg(orgTemplate, "template")
	if err != nil {
		panic("statement: bad embedded org.template.yaml: " + err.Error())
	}
	var out []string
	same := func(field string, a, b string) {
		if a != "" && a == b {
			out = append(out, field)
		}
	}
	sameText := func(field string, a, b Text) {
		for k, v := range a {
			if v != "" && v == b[k] {
				out = append(out, field)
				return
			}
		}
	}
	sameText("name", o.Name, t.Name)
	for i, s := range o.Scope.Sites {
		if strings.Contains(s.URL, exampleDomain) {
			out = append(out, fmt.Sprintf("scope.sites[%d]", i))
		}
	}
	for field, v := range map[string]string{"statementUrl": o.StatementAt, "feedback.url": o.Feedback.URL, "feedback.email": o.Feedback.Email, "contact.email": o.Contact.Email} {
		if strings.Contains(v, exampleDomain) {
			out = append(out, field)
		}
	}
	same("feedback.phone", o.Feedback.Phone, t.Feedback.Phone)
	same("contact.phone", o.Contact.Phone, t.Contact.Phone)
	sameText("contact.address", o.Contact.Address, t.Contact.Address)
	same("dates.prepared", o.Dates.Prepared, t.Dates.Prepared)
	same("dates.reviewed", o.Dates.Reviewed, t.Dates.Reviewed)
	same("dates.published", o.Dates.Published, t.Dates.Published)
	same("dates.revised", o.Dates.Revised, t.Dates.Revised)
	slices.Sort(out)
	return out
}

// exampleDomain is the template's example body's domain (.example is
// reserved for examples, RFC 2606).
const exampleDomain = "malliniemi.example"
