// Package integration runs every lifecycle path of the provider against moto's Cognito
// server on loopback, with the real SDK adapter and the real response sender.
//
// Moto differs from Cognito in ways the tests name where they matter: it merges on
// UpdateUserPoolClient (Cognito resets omitted fields; the unit tests of userpoolclient cover
// the full-state input), validates nothing but the pool's existence, and returns no creation
// dates.
package integration
