// Package lint generates cfn-lint custom rules for Custom::UserPoolClient and
// Custom::UserPoolClientLookup from the model in package userpoolclient, so that a template can
// be checked before it is deployed (cfn-lint itself checks nothing inside Custom:: properties).
//
// The rules file is what `cfn-lint -z FILE` reads; see
// https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/custom_rules.md. Each line is
//
//	<ResourceType> <Property.Path> <OPERATOR> <Value> ERROR "<message>"
//
// cfn-lint numbers a rule E9000 + its line number in the file. What cfn-lint 1.x's parser
// accepts, and what it silently gets wrong, is documented on [Rule]; the generator only emits
// forms that were seen to fire (test/templates proves each with a template that must fail).
//
// One rule spans resources and so cannot be a custom rule: lint/cfnlintrules holds it as a
// cfn-lint Python rule (E9990, `cfn-lint --append-rules lint/cfnlintrules`), flagging a read of
// ClientSecret on a client whose secret is stored in Secrets Manager.
//
// The lint is a first line of defence, not the authority: the Lambda's decoder and validator
// check everything again at deploy time, including the rules that span several properties and
// cannot be written as cfn-lint custom rules.
package lint
