package docs

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// Reference renders the property reference of Custom::UserPoolClient and
// Custom::UserPoolClientLookup from the model's source in dir.
func Reference(dir string) (string, error) {
	fset := token.NewFileSet()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return "", err
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			return "", err
		}
		if f.Name.Name == "userpoolclient" {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		return "", fmt.Errorf("no package userpoolclient in %s", dir)
	}
	d, err := doc.NewFromFiles(fset, files, "github.com/cognito-cfn/userpoolclient/userpoolclient")
	if err != nil {
		return "", err
	}
	comments := map[string]map[string]string{}
	for _, t := range d.Types {
		st, ok := t.Decl.Specs[0].(*ast.TypeSpec).Type.(*ast.StructType)
		if !ok {
			continue
		}
		fields := map[string]string{}
		for _, f := range st.Fields.List {
			for _, n := range f.Names {
				fields[n.Name] = strings.Join(strings.Fields(f.Doc.Text()), " ")
			}
		}
		comments[t.Name] = fields
	}

	var b bytes.Buffer
	b.WriteString("<!-- Generated from userpoolclient/*.go by `go test ./docs -update`; do not edit. -->\n")
	b.WriteString("# Custom::UserPoolClient property reference\n\n")
	b.WriteString("Property names are those of `AWS::Cognito::UserPoolClient`. CloudFormation sends every scalar as a string;\n")
	b.WriteString("booleans are `true`/`false` in any letter case and integers decimal digits, as strings or native JSON. A list holds distinct\n")
	b.WriteString("values, at most 1,000 unless a lower limit is given. Lengths count Unicode code points. Every rule is\n")
	b.WriteString("checked before any Cognito call, and all violations are reported together.\n\n")
	table(&b, reflect.TypeOf(userpoolclient.Properties{}), "", comments, true)
	for _, nested := range []any{userpoolclient.TokenValidityUnits{}, userpoolclient.AnalyticsConfiguration{}, userpoolclient.RefreshTokenRotation{}} {
		t := reflect.TypeOf(nested)
		fmt.Fprintf(&b, "\n## %s\n\n", t.Name())
		table(&b, t, t.Name()+".", comments, false)
	}
	b.WriteString("\n## Return values\n\n")
	b.WriteString("| | Value |\n|---|---|\n")
	b.WriteString("| `Ref` | the ClientId (the PhysicalResourceId) |\n")
	b.WriteString("| `Fn::GetAtt ClientId` | the client's ID |\n")
	b.WriteString("| `Fn::GetAtt Name` | the client's name |\n")
	b.WriteString("| `Fn::GetAtt UserPoolId` | the pool's ID |\n")
	b.WriteString("| `Fn::GetAtt ClientSecret` | the secret, only when the client has exactly one and no SecretsManagerSecretId is set; the response sets NoEcho |\n")
	b.WriteString("| `Fn::GetAtt SecretArn` | the ARN of the storage secret, only with SecretsManagerSecretId |\n")
	b.WriteString("\n# Custom::UserPoolClientLookup property reference\n\n")
	b.WriteString("Reads an existing client; returns the same values as Custom::UserPoolClient. Delete changes nothing.\n\n")
	table(&b, reflect.TypeOf(userpoolclient.LookupProperties{}), "", comments, false)
	return b.String(), nil
}

func table(b *bytes.Buffer, t reflect.Type, prefix string, comments map[string]map[string]string, updates bool) {
	if updates {
		b.WriteString("| Property | Type | Update | Allowed values | Description |\n|---|---|---|---|---|\n")
	} else {
		b.WriteString("| Property | Type | Allowed values | Description |\n|---|---|---|---|\n")
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		allowed := ""
		if vs, ok := userpoolclient.Enum(prefix + name); ok {
			allowed = "`" + strings.Join(vs, "`, `") + "`"
		}
		for _, r := range userpoolclient.Ranges() {
			if r.Property == prefix+name {
				allowed = r.String()
			}
		}
		desc := strings.ReplaceAll(comments[t.Name()][f.Name], "|", `\|`)
		if updates {
			update := userpoolclient.UpdateBehaviour(name)
			if update == "replacement" {
				update = "**replacement**"
			}
			fmt.Fprintf(b, "| `%s` | %s | %s | %s | %s |\n", name, typeName(f.Type), update, allowed, desc)
		} else {
			fmt.Fprintf(b, "| `%s` | %s | %s | %s |\n", name, typeName(f.Type), allowed, desc)
		}
	}
}

func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "String"
	case reflect.Bool:
		return "Boolean"
	case reflect.Int:
		return "Integer"
	case reflect.Slice:
		return "List of String"
	case reflect.Pointer:
		switch t.Elem().Kind() {
		case reflect.Bool:
			return "Boolean"
		case reflect.Int:
			return "Integer"
		}
		return "[" + t.Elem().Name() + "](#" + strings.ToLower(t.Elem().Name()) + ")"
	}
	return t.String()
}
