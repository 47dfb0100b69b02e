"""cfn-lint rule: a Custom::UserPoolClient with SecretsManagerSecretId has no ClientSecret.

With storage, the client's secret lives in Secrets Manager and never passes through
CloudFormation: the response carries SecretArn and no ClientSecret, so a GetAtt
X.ClientSecret (or ${X.ClientSecret} in a Fn::Sub) fails at deploy time. This rule says so
before the deploy. The generated custom rules (`cfn-lint -z`) test one resource's own
properties and cannot see a read elsewhere in the template, hence a rule of this form.

Use: cfn-lint --append-rules lint/cfnlintrules -- template.yaml
"""

from cfnlint.rules import CloudFormationLintRule, RuleMatch

CLIENT_TYPE = "Custom::UserPoolClient"


class StorageHasNoClientSecret(CloudFormationLintRule):
    """GetAtt X.ClientSecret on a Custom::UserPoolClient with SecretsManagerSecretId."""

    id = "E9990"
    shortdesc = "Custom::UserPoolClient with SecretsManagerSecretId has no ClientSecret"
    description = (
        "A Custom::UserPoolClient that stores its secret in Secrets Manager returns SecretArn, "
        "not ClientSecret: read the secret's AWSCURRENT version instead"
    )
    source_url = "https://github.com/cognito-cfn/userpoolclient/blob/main/docs/properties.md"
    tags = ["resources", "custom", "userpoolclient"]

    def match(self, cfn):
        stored = [
            name
            for name, res in cfn.get_resources([CLIENT_TYPE]).items()
            if isinstance(res.get("Properties"), dict) and "SecretsManagerSecretId" in res["Properties"]
        ]
        matches = []
        if not stored:
            return matches
        for path in cfn.search_deep_keys("Fn::GetAtt"):
            value = path[-1]
            if isinstance(value, str):
                value = value.split(".", 1)
            if isinstance(value, list) and len(value) == 2 and value[0] in stored and value[1] == "ClientSecret":
                matches.append(RuleMatch(path[:-1], self._message(value[0])))
        for path in cfn.search_deep_keys("Fn::Sub"):
            value = path[-1]
            text = value if isinstance(value, str) else value[0] if isinstance(value, list) and value else ""
            for name in stored:
                if isinstance(text, str) and "${" + name + ".ClientSecret}" in text:
                    matches.append(RuleMatch(path[:-1], self._message(name)))
        return matches

    @staticmethod
    def _message(name):
        return (
            f"{name} stores its secret in Secrets Manager (SecretsManagerSecretId), so it has no "
            f"ClientSecret attribute: read the AWSCURRENT version of GetAtt {name}.SecretArn instead"
        )
