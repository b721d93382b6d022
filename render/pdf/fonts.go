package pdf

import (
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/offprint/offprint/fonts"
	"github.com/offprint/offprint/render/printlayout"
)

// face is a role in the type scheme; the layout chose which.
type face = printlayout.Face

// family is the name fpdf knows a face by.
func family(f face) string { return strings.TrimSuffix(string(f.File()), ".ttf") }

// typeface loads faces into one document lazily (a face never used is
// neither parsed nor embedded) and keeps track of the current font, so
// the content stream does not repeat itself.
type typeface struct {
	f       *fpdf.Fpdf
	loaded  map[face]bool
	cur     face
	curSize float64
	none    bool // no font is current yet
}

func newTypeface(f *fpdf.Fpdf) (*typeface, error) {
	return &typeface{f: f, loaded: map[face]bool{}, none: true}, nil
}

// use makes face the current font of the PDF at size points.
func (t *typeface) use(fc face, size float64) error {
	if !t.loaded[fc] {
		data, err := fonts.Bytes(fc.File())
		if err != nil {
			return err
		}
		// AddUTF8FontFromBytes prints a parse error instead of returning
		// it; the SetFont below then fails with an error we do see.
		t.f.AddUTF8FontFromBytes(family(fc), "", data)
		t.loaded[fc] = true
		t.none = true
	}
	if !t.none && fc == t.cur && size == t.curSize {
		return nil
	}
	t.f.SetFont(family(fc), "", size)
	if err := t.f.Error(); err != nil {
		return fmt.Errorf("font %s: %w", fc.File(), err)
	}
	t.cur, t.curSize, t.none = fc, size, false
	return nil
}

// replay loads the fonts the layout measured, in its order, and makes
// the last it measured current.
func (t *typeface) replay(m printlayout.Measured) error {
	for _, fc := range m.New {
		if err := t.use(fc, m.LastSize); err != nil {
			return err
		}
	}
	if m.LastSize == 0 {
		return nil
	}
	return t.use(m.LastFace, m.LastSize)
}
