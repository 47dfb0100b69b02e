// Package userpoolclient is the one model of the Custom::UserPoolClient resource: its
// properties (named exactly as those of AWS::Cognito::UserPoolClient), the strict decoder for
// what CloudFormation sends, the validator that checks every rule before any Cognito call,
// and the single mapping to the Cognito SDK's Create and Update inputs.
//
// The Lambda handler, the CDK construct (synth-time validation), the cfn-lint rules and the
// reference documentation all derive from this package, so a property is added in one place.
//
// Each kind of rule is written once:
//   - properties.go: the properties and their doc comments (the property reference);
//   - decode.go: types on the wire (booleans in any case, integers as digits, null as absent);
//   - validate.go: every other rule of one property or across properties, checked before any
//     Cognito call; validate_storage.go: those of SecretsManagerSecretId, SecretSerial and
//     ExistingClientId;
//   - enums.go: the enumerated values, read from the AWS SDK's own enums (Enum, EnumPaths);
//   - limits.go: the integer limits (Ranges);
//   - diff.go: the replacement rule (ReplacingProperties), what changed (Diff) and what an
//     Update does (PlanUpdate: in place, replace, adopt another client; storage and serial
//     steps; CheckReplaceable, Releases);
//   - adopt.go: how a template is compared with a client it adopts (Differences);
//   - cognito.go: the mapping to CreateUserPoolClient and UpdateUserPoolClient;
//   - name.go: the readable name generated when ClientName is absent;
//   - lookup.go: the properties of Custom::UserPoolClientLookup;
//   - iam.go: the actions the function calls (IAMActions, SecretsManagerIAMActions), which
//     the templates and the CDK construct grant.
//
// docs/rules.md lists every rule with the Cognito or CloudFormation source it follows and the
// test that proves it.
//
// The native resource it mirrors:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpoolclient.html
// The API it drives:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
package userpoolclient
