// Package validate checks the deployment examples of deploy/ offline: its
// test decodes every Kubernetes manifest of deploy/kubernetes strictly into
// the Kubernetes API types (an unknown or misspelt field is an error) and
// asserts what a monitoring run depends on, and reads the CI examples of
// deploy/ci to check that they cut the run into as many shards.
//
// It is a module of its own so that saavu's go.mod does not carry the
// Kubernetes API; scripts/test runs it as a separate step.
package validate
