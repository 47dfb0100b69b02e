// Package e2e runs the built bootstrap end to end, the way CloudFormation and Lambda would:
// the real ./lambda binary, built for the host with the release flags, runs under the AWS
// Lambda Runtime Interface Emulator, talks to moto's Cognito server on loopback, and answers
// a local catcher standing in for the pre-signed S3 ResponseURL.
//
// Every events/*.json is fed through it (TestEvents), so a sample event added to events/ is
// covered without touching this package. Where moto differs from Cognito (it merges on
// UpdateUserPoolClient, validates nothing but the pool's existence), the tests compare only
// what the event sets; the unit tests cover Cognito's own behaviour.
package e2e
