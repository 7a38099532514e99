package template

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

type celsius float64

func (c celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

// Numbers stringified without fmt (content.go, netjournal) are what
// fmt.Sprint makes of them; a type of its own still prints through its
// String method.
func TestStringifyNumbers(t *testing.T) {
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 1e6, 1e20, 1e21, 1e-4, 1e-5, math.Pi,
		math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64}
	r := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		floats = append(floats, (r.Float64()-0.5)*math.Pow(10, float64(r.IntN(40)-20)), math.Float64frombits(r.Uint64()))
	}
	var args []any
	for _, f := range floats {
		args = append(args, f, &f)
	}
	for _, n := range []int64{0, 1, -1, math.MaxInt64, math.MinInt64, r.Int64(), -r.Int64()} {
		args = append(args, n, int(n))
	}
	args = append(args, celsius(21.5), int32(7), uint(8), float32(0.1))
	for _, a := range args {
		want := fmt.Sprint(indirect(a))
		if got, ct := stringify(a); got != want || ct != contentTypePlain {
			t.Errorf("stringify(%T %v) = %q, %v; want %q, plain", a, a, got, ct, want)
		}
	}
}

// A fragment returned in an interface by a func(string, any) (any, error)
// (netjournal's cached, called without reflect) is escaped as the same
// HTML returned as itself through reflect, in every context an action
// can be in: text, an attribute, a URL, a script, and through printf.
func TestFragmentInEveryContext(t *testing.T) {
	frag := HTML(`<b title="x">a & b</b>`)
	funcs := FuncMap{
		"direct":  func(string, any) (any, error) { return frag, nil },
		"reflect": func(string, any) (HTML, error) { return frag, nil },
	}
	for _, src := range []string{
		`{{F "x" .}}`,
		`<p title="{{F "x" .}}">`,
		`<a href="/p?q={{F "x" .}}">`,
		`<script>var s = {{F "x" .}};</script>`,
		`{{F "x" . | printf "%s!"}}`,
		`{{with F "x" .}}[{{.}}]{{end}}`,
		`{{if eq (F "x" .) (F "y" .)}}same{{end}}`,
	} {
		var outs [2]string
		for i, name := range []string{"direct", "reflect"} {
			tmpl := Must(New("t").Funcs(funcs).Parse(strings.ReplaceAll(src, "F ", name+" ")))
			var b strings.Builder
			if err := tmpl.Execute(&b, 1); err != nil {
				t.Fatalf("%s with %s: %v", src, name, err)
			}
			outs[i] = b.String()
		}
		if outs[0] != outs[1] {
			t.Errorf("%s: %q, through reflect %q", src, outs[0], outs[1])
		}
	}
}
