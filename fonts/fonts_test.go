package fonts

import (
	"testing"

	"golang.org/x/image/font/sfnt"
)

// Each face must be the file its name says: a face wired to the wrong
// variable would parse but carry another family's name.
func TestBytes(t *testing.T) {
	for _, c := range []struct {
		face Face
		full string // the font's full name, " Regular" aside
	}{
		{SerifRegular, "Noto Serif"},
		{SerifBold, "Noto Serif Bold"},
		{SerifItalic, "Noto Serif Italic"},
		{SerifBoldItalic, "Noto Serif Bold Italic"},
		{SansRegular, "Noto Sans"},
		{SansBold, "Noto Sans Bold"},
		{CJKFallback, "Droid Sans Fallback"},
		{SymbolFallback, "DejaVu Sans"},
	} {
		data, err := Bytes(c.face)
		if err != nil {
			t.Fatal(err)
		}
		f, err := sfnt.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", c.face, err)
		}
		full, err := f.Name(nil, sfnt.NameIDFull)
		if err != nil {
			t.Fatalf("%s: %v", c.face, err)
		}
		if full != c.full && full != c.full+" Regular" {
			t.Errorf("%s is %q, want %q", c.face, full, c.full)
		}
	}
	if _, err := Bytes("Nonesuch.ttf"); err == nil {
		t.Error("an unknown face gave no error")
	}
}
