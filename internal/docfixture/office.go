package docfixture

// Office returns the office fixtures.
func Office() []Fixture { return nil }
