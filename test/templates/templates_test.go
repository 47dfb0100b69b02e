package templates

import (
	"debug/elf"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cognito-cfn/userpoolclient/internal/testrig"
	"github.com/cognito-cfn/userpoolclient/provider"
	"github.com/cognito-cfn/userpoolclient/secretstore"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// The consumer templates: the three examples of Pulumi's aws.cognito.UserPoolClient page and two more.
var wantTemplates = []string{"templates/basic.yaml", "templates/no-srp-secret.yaml",
	"templates/pinpoint-analytics.yaml", "templates/hosted-ui.yaml", "templates/lookup.yaml",
	"templates/secret-rotation.yaml", "templates/migrate-from-native.yaml"}

func allTemplates(t *testing.T) []string {
	t.Helper()
	files := append([]string{"template.yaml"}, glob(t, "templates/*.yaml")...)
	for _, w := range wantTemplates {
		if !slices.Contains(files, w) {
			t.Errorf("%s is missing", w)
		}
	}
	return files
}

// Every custom resource of every template decodes and validates with the Lambda's decoder.
func TestTemplatePropertiesDecode(t *testing.T) {
	files := allTemplates(t)
	n := 0
	for file, tpl := range loadTemplates(t, files...) {
		for id, r := range resources(tpl, clientType, lookupType) {
			n++
			props, _ := r["Properties"].(map[string]any)
			for _, is := range checkProperties(r["Type"].(string), props) {
				t.Errorf("%s %s: %s", file, id, is)
			}
		}
	}
	if n < len(wantTemplates) {
		t.Errorf("only %d custom resources in %d templates", n, len(files))
	}
}

// The placeholders really stand in: a template value the decoder must reject is rejected
// next to intrinsics, and an intrinsic is not taken for a bad value.
func TestCheckPropertiesSeesThroughIntrinsics(t *testing.T) {
	ref := map[string]any{"Ref": "Pool"}
	sub := map[string]any{"Fn::Sub": "https://${Domain}/cb"}
	good := map[string]any{
		"ServiceToken": map[string]any{"Fn::ImportValue": "p-ServiceToken"}, "UserPoolId": ref,
		"AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": []any{"code"}, "AllowedOAuthScopes": []any{"openid"},
		"CallbackURLs": []any{sub}, "DefaultRedirectURI": "https://app.example.com/cb",
		"LogoutURLs": map[string]any{"Ref": "LogoutURLs"}, "GenerateSecret": map[string]any{"Ref": "Secret"},
		"ClientName": map[string]any{"Fn::If": []any{"C", "a", map[string]any{"Ref": "AWS::NoValue"}}},
	}
	if issues := checkProperties(clientType, good); len(issues) != 0 {
		t.Errorf("valid properties with intrinsics rejected: %v", issues)
	}
	for name, bad := range map[string]map[string]any{
		"enum":    {"UserPoolId": ref, "AllowedOAuthFlows": []any{"authorization_code"}},
		"unknown": {"UserPoolId": ref, "CallbackUrls": []any{sub}},
		"type":    {"UserPoolId": ref, "GenerateSecret": "yes"},
		"rule":    {"UserPoolId": ref, "AllowedOAuthFlows": []any{"code"}},
		"pool":    {"UserPoolId": "pool"},
		"zero":    {"UserPoolId": ref, "AuthSessionValidity": json.Number("0")},
	} {
		if len(checkProperties(clientType, bad)) == 0 {
			t.Errorf("%s: %v accepted", name, bad)
		}
	}
	if issues := checkProperties(lookupType, map[string]any{"UserPoolId": ref, "ClientId": ref}); len(issues) != 0 {
		t.Errorf("lookup with intrinsics rejected: %v", issues)
	}
	if len(checkProperties(lookupType, map[string]any{"UserPoolId": ref})) == 0 {
		t.Error("lookup without ClientId or ClientName accepted")
	}
}

// template.yaml has the shape sam build, the handler and the consumers need.
func TestProviderTemplate(t *testing.T) {
	tpl := loadTemplates(t, "template.yaml")["template.yaml"]
	if tpl["Transform"] != "AWS::Serverless-2016-10-31" {
		t.Errorf("Transform %v", tpl["Transform"])
	}
	fn, _ := dig(tpl, "Resources", "UserPoolClientFunction").(map[string]any)
	if fn == nil || fn["Type"] != "AWS::Serverless::Function" {
		t.Fatal("no AWS::Serverless::Function UserPoolClientFunction (the logical ID names the Makefile target sam build calls)")
	}
	p := fn["Properties"]
	for path, want := range map[string]any{
		"Metadata.BuildMethod":                              "makefile",
		"Properties.CodeUri":                                ".",
		"Properties.Handler":                                "bootstrap",
		"Properties.Runtime":                                "provided.al2023",
		"Properties.Architectures":                          []any{"arm64"},
		"Properties.MemorySize":                             json.Number("128"),
		"Properties.LoggingConfig.LogFormat":                "JSON",
		"Properties.EventInvokeConfig.MaximumRetryAttempts": json.Number("0"),
	} {
		keys := []any{}
		for _, k := range strings.Split(path, ".") {
			keys = append(keys, k)
		}
		if got := dig(fn, keys...); !reflect.DeepEqual(got, want) {
			t.Errorf("UserPoolClientFunction.%s = %#v, want %#v", path, got, want)
		}
	}

	// The timeout leaves the handler its margin and real work time; consumers wait longer.
	timeout := seconds(t, dig(p, "Timeout"))
	if timeout != 60*time.Second || timeout <= 10*provider.DefaultMargin {
		t.Errorf("Timeout %s: want 60s, well above the handler's %s answering margin", timeout, provider.DefaultMargin)
	}

	// Exactly the actions the function calls: Cognito's on the chosen user pools (default: every
	// pool of this account and Region), Secrets Manager's only on storage secrets (a name
	// prefix, or a tag), never on every secret of the account.
	stmts, _ := dig(p, "Policies", 0, "Statement").([]any)
	if len(dig(p, "Policies").([]any)) != 1 {
		t.Fatalf("Policies: want one policy, got %v", dig(p, "Policies"))
	}
	bySid := map[string]any{}
	for _, st := range stmts {
		bySid[fmt.Sprint(dig(st, "Sid"))] = st
		if dig(st, "Effect") != "Allow" {
			t.Errorf("statement %v is not Allow", dig(st, "Sid"))
		}
	}
	actionsOf := func(st any) []string {
		var out []string
		for _, a := range asList(dig(st, "Action")) {
			out = append(out, fmt.Sprint(a))
		}
		slices.Sort(out)
		return out
	}
	sorted := func(lists ...[]string) []string {
		return slices.Compact(slices.Sorted(slices.Values(slices.Concat(lists...))))
	}
	if len(stmts) != 3 {
		t.Errorf("want 3 statements (ManageUserPoolClients, StoreClientCredentialsByName, StoreClientCredentialsByTag), got %d", len(stmts))
	}
	cog := bySid["ManageUserPoolClients"]
	if got, want := actionsOf(cog), sorted(userpoolclient.IAMActions); !slices.Equal(got, want) {
		t.Errorf("cognito actions %v, want %v", got, want)
	}
	wantPools := []any{"AllPools",
		map[string]any{"Fn::Sub": "arn:${AWS::Partition}:cognito-idp:${AWS::Region}:${AWS::AccountId}:userpool/*"},
		map[string]any{"Ref": "UserPoolArns"}}
	if r := dig(cog, "Resource", "Fn::If"); !reflect.DeepEqual(r, wantPools) {
		t.Errorf("cognito resource %v, want Fn::If %v", dig(cog, "Resource"), wantPools)
	}
	if c := dig(tpl, "Conditions", "AllPools"); !reflect.DeepEqual(c, map[string]any{"Fn::Equals": []any{map[string]any{"Fn::Join": []any{"", map[string]any{"Ref": "UserPoolArns"}}}, ""}}) {
		t.Errorf("Conditions.AllPools %v", c)
	}
	const secrets = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:"
	byName, byTag := bySid["StoreClientCredentialsByName"], bySid["StoreClientCredentialsByTag"]
	for _, st := range []any{byName, byTag} {
		if got, want := actionsOf(st), sorted(userpoolclient.SecretsManagerIAMActions); !slices.Equal(got, want) {
			t.Errorf("%v actions %v, want %v", dig(st, "Sid"), got, want)
		}
	}
	if r := dig(byName, "Resource", "Fn::Sub"); r != secrets+"${StorageSecretNamePrefix}*" || dig(byName, "Condition") != nil {
		t.Errorf("StoreClientCredentialsByName: %v", byName)
	}
	if r := dig(byTag, "Resource", "Fn::Sub"); r != secrets+"*" ||
		dig(byTag, "Condition", "StringEquals", "aws:ResourceTag/"+secretstore.StorageTagKey) != secretstore.StorageTagValue {
		t.Errorf("StoreClientCredentialsByTag must be conditioned on the tag: %v", byTag)
	}
	if d := dig(tpl, "Parameters", "StorageSecretNamePrefix", "Default"); d != "userpoolclient/" {
		t.Errorf("StorageSecretNamePrefix default %v", d)
	}

	// A log group with a retention, the one Lambda writes to.
	lg := dig(tpl, "Resources", "FunctionLogGroup")
	if dig(lg, "Type") != "AWS::Logs::LogGroup" || dig(lg, "Properties", "LogGroupName", "Fn::Sub") != "/aws/lambda/${UserPoolClientFunction}" ||
		dig(lg, "Properties", "RetentionInDays") == nil {
		t.Errorf("log group: %v", lg)
	}

	// The exported ServiceToken, documented.
	out := dig(tpl, "Outputs", "ServiceToken")
	if !reflect.DeepEqual(dig(out, "Value"), map[string]any{"Fn::GetAtt": []any{"UserPoolClientFunction", "Arn"}}) ||
		dig(out, "Export", "Name", "Fn::Sub") != "${AWS::StackName}-ServiceToken" || dig(out, "Description") == nil {
		t.Errorf("Outputs.ServiceToken: %v", out)
	}

	// Publishable to the Serverless Application Repository.
	app := dig(tpl, "Metadata", "AWS::ServerlessRepo::Application")
	for _, k := range []string{"Name", "Description", "Author", "SpdxLicenseId", "LicenseUrl", "ReadmeUrl", "Labels", "SemanticVersion", "SourceCodeUrl"} {
		if dig(app, k) == nil {
			t.Errorf("AWS::ServerlessRepo::Application.%s is missing", k)
		}
	}
	if dig(app, "SpdxLicenseId") != "Apache-2.0" {
		t.Errorf("SpdxLicenseId %v", dig(app, "SpdxLicenseId"))
	}
	for _, k := range []string{"LicenseUrl", "ReadmeUrl"} {
		if f, _ := dig(app, k).(string); f == "" || fileMissing(f) {
			t.Errorf("%s %q: no such file next to template.yaml", k, f)
		}
	}
	// `make package` rewrites these lines for dist/template.yaml.
	text := string(readFile(t, "template.yaml"))
	for _, line := range []string{"\n      CodeUri: .\n", "\n    LicenseUrl: LICENSE\n", "\n    ReadmeUrl: README.md\n"} {
		if !strings.Contains(text, line) {
			t.Errorf("template.yaml has no line %q, which make package rewrites", strings.TrimSpace(line))
		}
	}
	if lic := string(readFile(t, "LICENSE")); !strings.Contains(lic, "Apache License") || !strings.Contains(lic, "Version 2.0, January 2004") {
		t.Error("LICENSE is not the Apache License 2.0")
	}
}

func fileMissing(rel string) bool {
	_, err := os.Stat(filepath.Join(root, rel))
	return err != nil
}

func seconds(t *testing.T, v any) time.Duration {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok {
		if s, isStr := v.(string); isStr {
			n = json.Number(s)
		}
	}
	i, err := n.Int64()
	if err != nil {
		t.Fatalf("%v is not a number of seconds", v)
	}
	return time.Duration(i) * time.Second
}

// The consumer templates import the ServiceToken, wait longer than the function runs, output
// what Ref and GetAtt give, and never output a secret.
func TestConsumerTemplates(t *testing.T) {
	all := loadTemplates(t, allTemplates(t)...)
	timeout := seconds(t, dig(all["template.yaml"], "Resources", "UserPoolClientFunction", "Properties", "Timeout"))
	for _, file := range wantTemplates {
		tpl := all[file]
		t.Run(filepath.Base(file), func(t *testing.T) {
			if dig(tpl, "Parameters", "ProviderStackName", "Type") != "String" {
				t.Error("no ProviderStackName parameter")
			}
			custom := resources(tpl, clientType, lookupType)
			if len(custom) == 0 {
				t.Fatal("no custom resource")
			}
			outputs, _ := tpl["Outputs"].(map[string]any)
			for id, r := range custom {
				props := dig(r, "Properties")
				if st := dig(props, "ServiceToken"); !reflect.DeepEqual(st, map[string]any{"Fn::ImportValue": map[string]any{"Fn::Sub": "${ProviderStackName}-ServiceToken"}}) {
					t.Errorf("%s.ServiceToken %v, want Fn::ImportValue of ${ProviderStackName}-ServiceToken", id, st)
				}
				if st := seconds(t, dig(props, "ServiceTimeout")); st <= timeout {
					t.Errorf("%s.ServiceTimeout %s: must exceed the function's %s", id, st, timeout)
				}
				for _, want := range []any{
					map[string]any{"Ref": id},
					map[string]any{"Fn::GetAtt": []any{id, "Name"}},
					map[string]any{"Fn::GetAtt": []any{id, "UserPoolId"}},
				} {
					if !outputsHave(outputs, want) {
						t.Errorf("no output of %v", want)
					}
				}
			}
			// A secret never reaches an output; where there is one, it lands in Secrets Manager.
			text, _ := json.Marshal(outputs)
			if strings.Contains(string(text), "ClientSecret") {
				t.Errorf("an output carries a ClientSecret: %s", text)
			}
			for id, r := range resources(tpl, clientType) {
				storage := dig(r, "Properties", "SecretsManagerSecretId") != nil
				if g := dig(r, "Properties", "GenerateSecret"); (g == true || g == "true") && !storage {
					if !secretStored(tpl, id) {
						t.Errorf("%s has a secret but neither SecretsManagerSecretId nor an AWS::SecretsManager::Secret taking GetAtt %s.ClientSecret", id, id)
					}
				}
				// With storage the ClientSecret attribute does not exist: reading it breaks.
				if storage && readsClientSecret(tpl, id) {
					t.Errorf("%s stores its secret in Secrets Manager, yet the template reads GetAtt %s.ClientSecret", id, id)
				}
			}
		})
	}
}

func outputsHave(outputs map[string]any, value any) bool {
	for _, o := range outputs {
		if reflect.DeepEqual(dig(o, "Value"), value) {
			return true
		}
	}
	return false
}

func secretStored(tpl map[string]any, client string) bool {
	for _, s := range resources(tpl, "AWS::SecretsManager::Secret") {
		if readsClientSecret(dig(s, "Properties", "SecretString"), client) {
			return true
		}
	}
	return false
}

// readsClientSecret reports whether v (a template or any part of one) reads GetAtt
// client.ClientSecret, in the long, short or Fn::Sub form.
func readsClientSecret(v any, client string) bool {
	text, _ := json.Marshal(v)
	return strings.Contains(string(text), fmt.Sprintf(`["%s","ClientSecret"]`, client)) ||
		strings.Contains(string(text), fmt.Sprintf(`"%s.ClientSecret"`, client)) ||
		strings.Contains(string(text), fmt.Sprintf(`${%s.ClientSecret}`, client))
}

// The migration's second step adopts the client with exactly the first step's properties, so
// that adoption finds no difference; both retain the client.
func TestMigrationTemplate(t *testing.T) {
	tpl := loadTemplates(t, "templates/migrate-from-native.yaml")["templates/migrate-from-native.yaml"]
	native := dig(tpl, "Resources", "NativeClient")
	custom := dig(tpl, "Resources", "MobileClient")
	if dig(native, "Type") != "AWS::Cognito::UserPoolClient" || dig(custom, "Type") != clientType {
		t.Fatalf("want NativeClient and MobileClient: %v, %v", dig(native, "Type"), dig(custom, "Type"))
	}
	if dig(native, "DeletionPolicy") != "Retain" || dig(custom, "DeletionPolicy") != "RetainExceptOnCreate" {
		t.Errorf("deletion policies %v, %v: want Retain, RetainExceptOnCreate", dig(native, "DeletionPolicy"), dig(custom, "DeletionPolicy"))
	}
	want := map[string]any{}
	for k, v := range dig(native, "Properties").(map[string]any) {
		want[k] = v
	}
	want["ServiceToken"] = dig(custom, "Properties", "ServiceToken")
	want["ServiceTimeout"] = dig(custom, "Properties", "ServiceTimeout")
	want["ExistingClientId"] = map[string]any{"Ref": "ExistingClientId"}
	if got := dig(custom, "Properties"); !reflect.DeepEqual(got, want) {
		t.Errorf("MobileClient's properties are not NativeClient's plus ExistingClientId:\n got  %v\n want %v", got, want)
	}
}

// The Pulumi examples keep what that page says (with the deviations the templates document).
func TestPulumiExamples(t *testing.T) {
	all := loadTemplates(t, wantTemplates...)
	client := func(file string) map[string]any {
		for _, r := range resources(all[file], clientType) {
			return r["Properties"].(map[string]any)
		}
		t.Fatalf("%s: no %s", file, clientType)
		return nil
	}
	if p := client("templates/basic.yaml"); !reflect.DeepEqual(p["UserPoolId"], map[string]any{"Ref": "Pool"}) || len(p) != 3 {
		t.Errorf("basic: want only UserPoolId (besides ServiceToken, ServiceTimeout): %v", p)
	}
	if p := client("templates/no-srp-secret.yaml"); !reflect.DeepEqual(p["ExplicitAuthFlows"], []any{"ADMIN_NO_SRP_AUTH"}) || p["GenerateSecret"] != true {
		t.Errorf("no-srp-secret: %v", p)
	}
	pin := all["templates/pinpoint-analytics.yaml"]
	if p := client("templates/pinpoint-analytics.yaml"); !reflect.DeepEqual(dig(p, "AnalyticsConfiguration", "ApplicationId"), map[string]any{"Ref": "App"}) ||
		!reflect.DeepEqual(dig(p, "AnalyticsConfiguration", "RoleArn"), map[string]any{"Fn::GetAtt": []any{"AnalyticsRole", "Arn"}}) ||
		dig(p, "AnalyticsConfiguration", "UserDataShared") != true {
		t.Errorf("pinpoint-analytics: %v", p)
	}
	if dig(pin, "Resources", "App", "Type") != "AWS::Pinpoint::App" ||
		dig(pin, "Resources", "AnalyticsRole", "Properties", "AssumeRolePolicyDocument", "Statement", 0, "Principal", "Service") != "cognito-idp.amazonaws.com" {
		t.Error("pinpoint-analytics: the Pinpoint app or the role trusted by cognito-idp.amazonaws.com is missing")
	}
	if a := dig(pin, "Resources", "AnalyticsPolicy", "Properties", "PolicyDocument", "Statement", 0, "Action"); !reflect.DeepEqual(a, []any{"mobiletargeting:UpdateEndpoint", "mobiletargeting:PutEvents"}) {
		t.Errorf("pinpoint-analytics policy actions %v", a)
	}
	hosted := all["templates/hosted-ui.yaml"]
	if p := client("templates/hosted-ui.yaml"); !reflect.DeepEqual(p["AllowedOAuthFlows"], []any{"code"}) ||
		!reflect.DeepEqual(p["AllowedOAuthScopes"], []any{"openid", "email", "profile"}) || p["AllowedOAuthFlowsUserPoolClient"] != true ||
		len(resources(hosted, "AWS::Cognito::UserPoolDomain")) != 1 {
		t.Errorf("hosted-ui: %v", p)
	}
	for _, r := range resources(all["templates/lookup.yaml"], lookupType) {
		if !reflect.DeepEqual(dig(r, "Properties", "ClientId"), map[string]any{"Ref": "ClientId"}) {
			t.Errorf("lookup: %v", r)
		}
	}
}

// sam build runs `make build-UserPoolClientFunction ARTIFACTS_DIR=...` from the repository root
// (BuildMethod: makefile); the target must leave a linux/arm64 bootstrap there.
func TestSAMBuildTarget(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the function for arm64")
	}
	testrig.Need(t, testrig.Make)
	dir := t.TempDir()
	cmd := exec.Command("make", "--no-print-directory", "build-UserPoolClientFunction", "ARTIFACTS_DIR="+dir)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make build-UserPoolClientFunction: %v\n%s", err, out)
	}
	f, err := elf.Open(filepath.Join(dir, "bootstrap"))
	if err != nil {
		t.Fatalf("no bootstrap in ARTIFACTS_DIR: %v", err)
	}
	defer f.Close()
	if f.Machine != elf.EM_AARCH64 || f.OSABI != elf.ELFOSABI_NONE && f.OSABI != elf.ELFOSABI_LINUX {
		t.Errorf("bootstrap is %v %v, want linux arm64 (template.yaml: Architectures [arm64])", f.OSABI, f.Machine)
	}
}
