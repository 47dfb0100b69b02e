// Package localrun runs the Custom::UserPoolClient Lambda on this machine the
// way AWS would run it for CloudFormation, with every AWS part replaced by a
// local stand-in:
//
//   - [Moto] is moto's server on loopback, standing in for the Amazon Cognito
//     user pools API (cognito-idp).
//   - [Emulator] is the AWS Lambda Runtime Interface Emulator (RIE) running a
//     host-architecture bootstrap, standing in for the Lambda service.
//   - [Catcher] is a loopback HTTP server standing in for the pre-signed S3
//     ResponseURL to which a custom resource PUTs its answer.
//   - [PrepareEvent] points a sample CloudFormation request (events/*.json) at
//     the catcher and at a real pool in moto, leaving everything else intact.
//   - [BuildBootstrap] builds a bootstrap for the host with the release flags.
//
// Every process started here runs with a minimal environment (no AWS profile,
// no real credentials) and is stopped, with its children, by Stop; on Linux it
// also dies with this process, however this process ends (see keeper_linux.go).
//
// The request and response formats are those of CloudFormation custom
// resources:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref.html
// The emulator is https://github.com/aws/aws-lambda-runtime-interface-emulator
// and moto's server mode is https://docs.getmoto.org/en/latest/docs/server_mode.html
package localrun
