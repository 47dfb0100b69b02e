// Package docs holds the property reference, docs/properties.md, generated from the doc
// comments of the model (userpoolclient.Properties). Its test fails when the file is stale;
// refresh it with `go test ./docs -update`. rules.md is the table of every rule, its source
// and its test; a test checks that each test it names exists.
package docs
