package checks

// All returns every rule, sorted by id.
//
// Keep this list sorted: TestRegistry enforces the order, unique ids and a
// fixture for each rule.
func All() []*Rule {
	return []*Rule{
		DocumentTitle,
	}
}
