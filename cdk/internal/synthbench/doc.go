// Package synthbench measures what a CDK app pays for the constructs: `go run` synth of the
// example app (cdk/example, clients by cdk.NewCognitoUserPoolClient) beside its native twin
// (cdk/example/native, awscognito.NewUserPoolClient), warm and cold, in one run. `make bench`
// runs it; the figures land in BENCHMARKS.md.
package synthbench
