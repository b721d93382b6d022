package pdf

import (
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/offprint/offprint/fonts"
	"github.com/offprint/offprint/render/printlayout"
)

// The layout measures text without fpdf; fpdf then draws it. If the two
// disagreed on a single character's width, justified lines would come
// out ragged or overfull. Every character of the Basic Multilingual
// Plane, in every face, must measure the same.
func TestWidthsMatchFpdf(t *testing.T) {
	const size = 1000 // widths in whole thousandths of an em: exact
	for fc := range printlayout.Face(printlayout.NumFaces) {
		data, err := fonts.Bytes(fc.File())
		if err != nil {
			t.Fatal(err)
		}
		f := fpdf.New("P", "pt", "A4", "")
		f.AddUTF8FontFromBytes("f", "", data)
		f.SetFont("f", "", size)
		if err := f.Error(); err != nil {
			t.Fatalf("%s: %v", fc.File(), err)
		}
		bad := 0
		for r := rune(1); r < 0xFFFF; r++ {
			if r >= 0xD800 && r <= 0xDFFF {
				continue // surrogates are no characters
			}
			s := string(r) + "a" + string(r)
			got, err := printlayout.Width(s, fc, size)
			if err != nil {
				t.Fatal(err)
			}
			if want := f.GetStringWidth(s); got != want {
				if bad++; bad <= 5 {
					t.Errorf("%s: U+%04X measures %v, fpdf says %v", fc.File(), r, got, want)
				}
			}
		}
		if bad > 5 {
			t.Errorf("%s: %d characters measure differently", fc.File(), bad)
		}
	}
}
