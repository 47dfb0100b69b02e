// Package integration runs every lifecycle path of the provider against moto's Cognito
// server on loopback, with the real SDK adapter and the real response sender. The storage and
// adoption paths (storage_test.go) also use moto's Secrets Manager and the local Cognito's
// client-secret APIs (internal/localcognito), reading both sides back after every step.
//
// Moto differs from Cognito in ways the tests name where they matter: it merges on
// UpdateUserPoolClient (Cognito resets omitted fields; the unit tests of userpoolclient cover
// the full-state input), validates nothing but the pool's existence, and returns no creation
// dates.
package integration
