package report

// TestOverview is the overview of a monitoring run with a site of each
// status (finished, unreachable, missing), for the external tests.
var TestOverview = testOverview
