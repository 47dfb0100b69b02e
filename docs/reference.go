package docs

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"reflect"
	"strings"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// replacing are the properties whose change makes a new client.
var replacing = map[string]bool{"UserPoolId": true, "GenerateSecret": true}

// Reference renders the property reference of Custom::UserPoolClient and
// Custom::UserPoolClientLookup from the model's source in dir.
func Reference(dir string) (string, error) {
	fset := token.NewFileSet()
	//lint:ignore SA1019 dir holds one package and no build-tagged files; ParseDir still works
	pkgs, err := parser.ParseDir(fset, dir, nil, parser.ParseComments)
	if err != nil {
		return "", err
	}
	pkg, ok := pkgs["userpoolclient"]
	if !ok {
		return "", fmt.Errorf("no package userpoolclient in %s", dir)
	}
	files := make([]*ast.File, 0, len(pkg.Files))
	for _, f := range pkg.Files {
		files = append(files, f)
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
	b.WriteString("booleans are `true`/`false` and integers decimal digits, as strings or native JSON. A list holds distinct\n")
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
	b.WriteString("| `Fn::GetAtt ClientSecret` | the secret, only when GenerateSecret is true; the response sets NoEcho |\n")
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
		if vs, ok := userpoolclient.Enums[prefix+name]; ok {
			allowed = "`" + strings.Join(vs, "`, `") + "`"
		}
		desc := strings.ReplaceAll(comments[t.Name()][f.Name], "|", `\|`)
		if updates {
			update := "in place"
			if replacing[name] {
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
		if t.Elem().Kind() == reflect.Bool {
			return "Boolean"
		}
		return "[" + t.Elem().Name() + "](#" + strings.ToLower(t.Elem().Name()) + ")"
	}
	return t.String()
}
