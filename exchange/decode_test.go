package exchange_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/jcx-dev/jcx/exchange"
)

// TestCheckSchemaAgreesWithSchemaOnly holds CheckSchema, which skips building the model,
// to the findings of Validate with Options.SchemaOnly over every fixture, valid and
// invalid, in both encodings: skipping the model must not change any verdict.
func TestCheckSchemaAgreesWithSchemaOnly(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "messages", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	v := exchange.NewValidator(exchange.Options{SchemaOnly: true})
	n := 0
	for _, file := range files {
		ext := filepath.Ext(file)
		if ext != ".xml" && ext != ".json" {
			continue
		}
		n++
		t.Run(filepath.Base(filepath.Dir(file))+"/"+filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want := v.Validate(data, exchange.FormatAuto)
			got := v.CheckSchema(data, exchange.FormatAuto)
			if got.Message != nil {
				t.Error("CheckSchema returned a model")
			}
			if got.Format != want.Format {
				t.Errorf("format %v, Validate says %v", got.Format, want.Format)
			}
			if !slices.Equal(got.Findings, want.Findings) {
				t.Errorf("CheckSchema findings\n%v\nValidate(SchemaOnly) findings\n%v", got.Findings, want.Findings)
			}
		})
	}
	if n < 100 {
		t.Fatalf("only %d fixtures found", n)
	}
}
