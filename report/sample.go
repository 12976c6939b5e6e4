package report

// Sample says how the audited pages were chosen when a crawl audited a
// sample of the site (saavu crawl --sample) rather than every page found:
// the pages of Annex I point 3.2 of Commission Implementing Decision (EU)
// 2018/1524, the EU monitoring method.
type Sample struct {
	Found     int          `json:"found"`     // pages found on the site
	Size      int          `json:"size"`      // pages asked for
	Templates int          `json:"templates"` // page templates told apart among the pages found
	Seed      uint64       `json:"seed"`      // of the random picks (clause g); the same seed picks the same pages
	Pages     []SamplePage `json:"pages"`     // in the order chosen
	Missing   []string     `json:"missing,omitempty"`
}

// SamplePage is one page of the sample and why it was chosen.
type SamplePage struct {
	URL      string `json:"url"`
	Clause   string `json:"clause"` // a–g of Annex I point 3.2
	Reason   string `json:"reason"` // e.g. "contact page", "page template 3", "random page"
	Template int    `json:"template"`
}
