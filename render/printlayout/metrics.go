package printlayout

import (
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// metrics are a face's advance widths for the Basic Multilingual Plane,
// in thousandths of an em rounded to integers, exactly as fpdf keeps them
// (utf8fontfile.go, parseHMTXTable): text measured here then fits the
// lines fpdf draws it on to the last digit. fpdf does not kern, so
// neither does this.
type metrics struct {
	// w is the width of each character the face maps; 0 for one it does
	// not map, zeroWidth for one that advances nothing.
	w [0x10000]uint16
	// missing is what fpdf counts for a character the face lacks: glyph
	// 0's advance, or 500 when that is 0.
	missing int
}

const zeroWidth = 0xffff

// advances are the faces' metrics, read once per process on first use,
// shared by every document a batch lays out.
var advances = func() (out [numFaces]func() (*metrics, error)) {
	for i := range out {
		fc := face(i)
		out[i] = sync.OnceValues(func() (*metrics, error) {
			f, err := cmaps[fc]()
			if err != nil {
				return nil, err
			}
			return readMetrics(f)
		})
	}
	return out
}()

func readMetrics(f *sfnt.Font) (*metrics, error) {
	var buf sfnt.Buffer
	upem := f.UnitsPerEm()
	scale := 1000 / float64(upem)
	ppem := fixed.Int26_6(upem) << 6 // advances come back in font units
	advance := func(g sfnt.GlyphIndex) (float64, error) {
		a, err := f.GlyphAdvance(&buf, g, ppem, font.HintingNone)
		if err != nil {
			return 0, err
		}
		return float64(a) / 64, nil
	}
	m := &metrics{}
	def, err := advance(0)
	if err != nil {
		return nil, err
	}
	m.missing = int(math.Floor(scale*def + 0.5))
	if m.missing == 0 {
		m.missing = 500
	}
	for r := rune(1); r < 0xFFFF; r++ { // fpdf skips U+0000 and U+FFFF
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			continue
		}
		a, err := advance(g)
		if err != nil {
			return nil, err
		}
		w := int(math.Round(scale * a))
		if w == 0 || w >= zeroWidth {
			w = zeroWidth
		}
		m.w[r] = uint16(w)
	}
	return m, nil
}

// width is the advance of s at size points, summed as fpdf's
// GetStringWidth sums it: whole thousandths first, then scaled.
func (m *metrics) width(s string, size float64) float64 {
	w := 0
	for _, r := range s {
		switch {
		case r >= 0 && r < 0x10000 && m.w[r] == zeroWidth:
		case r >= 0 && r < 0x10000 && m.w[r] > 0:
			w += int(m.w[r])
		default:
			w += m.missing
		}
	}
	return float64(w) * size / 1000
}

// Width is the advance of s set in face f at size points, as fpdf
// measures it.
func Width(s string, f Face, size float64) (float64, error) {
	m, err := advances[f]()
	if err != nil {
		return 0, err
	}
	return m.width(s, size), nil
}
