package subset

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/offprint/offprint/fonts"
)

var faces = []fonts.Face{fonts.SerifRegular, fonts.SerifItalic, fonts.SerifBold, fonts.SerifBoldItalic}

// face parses font data the way the tests read both fonts.
func face(t *testing.T, data []byte) *sfnt.Font {
	t.Helper()
	f, err := sfnt.Parse(data)
	if err != nil {
		t.Fatalf("does not parse: %v", err)
	}
	return f
}

// outline is a glyph's outline at 1000 units, nil for an empty glyph.
func outline(t *testing.T, f *sfnt.Font, g sfnt.GlyphIndex) sfnt.Segments {
	t.Helper()
	var buf sfnt.Buffer
	segs, err := f.LoadGlyph(&buf, g, fixed.I(1000), nil)
	if err != nil {
		t.Fatalf("glyph %d: %v", g, err)
	}
	return slices.Clone(segs)
}

// TestTrueType: the subset draws every character of its text exactly as
// the full face does (same glyph, same outline, same advance, accented
// letters built from components included), draws nothing else, and is a
// fraction of the size.
func TestTrueType(t *testing.T) {
	const text = "Zoë’s “naïve” café — fjords, 1–2 ½ Ærø! ﬁ"
	const absent = "Qж€"
	for _, fc := range faces {
		t.Run(string(fc), func(t *testing.T) {
			full := fonts.MustBytes(fc)
			data, err := TrueType(full, text)
			if err != nil {
				t.Fatal(err)
			}
			if len(data)*4 > len(full) {
				t.Errorf("subset is %d bytes, the full face %d", len(data), len(full))
			}
			sub, ref := face(t, data), face(t, full)
			var buf sfnt.Buffer
			for _, r := range text {
				want, _ := ref.GlyphIndex(&buf, r)
				if want == 0 {
					continue // the face itself lacks it
				}
				got, err := sub.GlyphIndex(&buf, r)
				if err != nil || got != want {
					t.Errorf("%q maps to glyph %d (%v), want %d", r, got, err, want)
					continue
				}
				if !slices.Equal(outline(t, sub, got), outline(t, ref, want)) || len(outline(t, sub, got)) == 0 && r != ' ' {
					t.Errorf("%q: the outline differs from the full face's", r)
				}
				a, _ := sub.GlyphAdvance(&buf, got, fixed.I(1000), xfont.HintingNone)
				b, _ := ref.GlyphAdvance(&buf, want, fixed.I(1000), xfont.HintingNone)
				if a != b {
					t.Errorf("%q: advance %v, the full face's %v", r, a, b)
				}
			}
			for _, r := range absent {
				if g, _ := sub.GlyphIndex(&buf, r); g != 0 {
					t.Errorf("%q is not in the text but maps to glyph %d", r, g)
				}
				g, _ := ref.GlyphIndex(&buf, r)
				if g == 0 {
					t.Fatalf("the full face lacks %q: pick another test character", r)
				}
				if len(outline(t, sub, g)) != 0 {
					t.Errorf("%q is not in the text but its glyph %d kept its outline", r, g)
				}
			}
			if len(outline(t, sub, 0)) == 0 {
				t.Error(".notdef lost its outline")
			}
		})
	}
}

// TestLigatures: a glyph that shaping puts in for characters of the text
// (here the fi ligature for "f" and "i") keeps its outline, or the
// reader would draw a blank where the text has "fi".
func TestLigatures(t *testing.T) {
	full := fonts.MustBytes(fonts.SerifRegular)
	f, err := parse(full)
	if err != nil {
		t.Fatal(err)
	}
	ref := face(t, full)
	var buf sfnt.Buffer
	fg, _ := ref.GlyphIndex(&buf, 'f')
	ig, _ := ref.GlyphIndex(&buf, 'i')
	lig := -1
	for _, r := range gsubRules(f.tables["GSUB"]) {
		if slices.Equal(r.in, []int{int(fg), int(ig)}) {
			lig = r.out[0]
		}
	}
	if lig < 0 {
		t.Fatal("found no fi ligature in the face's GSUB")
	}
	for _, c := range []struct {
		text string
		kept bool
	}{
		{"fit", true},
		{"ft", false}, // no i: the ligature cannot occur
	} {
		data, err := TrueType(full, c.text)
		if err != nil {
			t.Fatal(err)
		}
		sub := face(t, data)
		if got := len(outline(t, sub, sfnt.GlyphIndex(lig))) > 0; got != c.kept {
			t.Errorf("%q: fi ligature kept %v, want %v", c.text, got, c.kept)
		}
		// The cmap lists it under its own character too, as the full
		// face does, so a rasteriser's auto-hinter treats it alike.
		if g, _ := sub.GlyphIndex(&buf, 'ﬁ'); (int(g) == lig) != c.kept {
			t.Errorf("%q: U+FB01 maps to %d; fi ligature kept %v", c.text, g, c.kept)
		}
	}
}

// TestDeterministic: the bytes depend on the set of characters only.
func TestDeterministic(t *testing.T) {
	full := fonts.MustBytes(fonts.SerifItalic)
	a, err := TrueType(full, "abc, déjà vu")
	if err != nil {
		t.Fatal(err)
	}
	b, err := TrueType(full, "vu déjà, cba cab")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the same characters in another order gave other bytes")
	}
}

// TestStandalone: the tables a reading system checks before it uses a
// font: checksums, the whole-font checksum, and no stale signature.
func TestStandalone(t *testing.T) {
	data, err := TrueType(fonts.MustBytes(fonts.SerifBold), "Standalone")
	if err != nil {
		t.Fatal(err)
	}
	f, err := parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "OS/2", "post"} {
		if f.tables[tag] == nil {
			t.Errorf("no %q table", tag)
		}
	}
	if f.tables["DSIG"] != nil {
		t.Error("kept a signature the cut has broken")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		tag, sum := string(rec[:4]), binary.BigEndian.Uint32(rec[4:])
		tbl := slices.Clone(f.tables[tag])
		if tag == "head" {
			binary.BigEndian.PutUint32(tbl[8:], 0)
		}
		if checksum(tbl) != sum {
			t.Errorf("table %q: wrong checksum", tag)
		}
	}
	if checksum(data) != 0xB1B0AFBA {
		t.Error("head's checkSumAdjustment is wrong")
	}
}

// TestBeyondBMP: a character past U+FFFF needs the format 12 cmap, which
// the bundled faces never call for.
func TestBeyondBMP(t *testing.T) {
	full := fonts.MustBytes(fonts.SerifRegular)
	f, err := parse(full)
	if err != nil {
		t.Fatal(err)
	}
	ms := []mapping{{'A', 36}, {'B', 37}, {'C', 38}, {0x1D400, 36}, {0x1D401, 37}, {0x1F600, 100}}
	tables := map[string][]byte{}
	for tag, d := range f.tables {
		tables[tag] = d
	}
	tables["cmap"] = buildCmap(ms)
	sub := face(t, write(tables))
	var buf sfnt.Buffer
	for _, m := range append(ms, mapping{'D', 0}, mapping{0x1D402, 0}) {
		if g, err := sub.GlyphIndex(&buf, m.r); err != nil || int(g) != m.g {
			t.Errorf("U+%04X maps to %d (%v), want %d", m.r, g, err, m.g)
		}
	}
}

func TestNotTrueType(t *testing.T) {
	full := fonts.MustBytes(fonts.SerifRegular)
	for name, data := range map[string][]byte{
		"empty":        nil,
		"text":         []byte(strings.Repeat("not a font ", 10)),
		"truncated":    full[:200],
		"OpenType CFF": append([]byte("OTTO"), full[4:]...),
	} {
		if _, err := TrueType(data, "abc"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestReadCmap: our reading of each bundled face's cmap agrees with
// x/image's on every character of the Basic Multilingual Plane.
func TestReadCmap(t *testing.T) {
	for _, fc := range []fonts.Face{fonts.SerifRegular, fonts.SansBold, fonts.CJKFallback, fonts.SymbolFallback} {
		full := fonts.MustBytes(fc)
		f, err := parse(full)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := readCmap(f.tables["cmap"], f.numGlyphs)
		if err != nil {
			t.Fatal(err)
		}
		ours := map[rune]int{}
		for _, m := range ms {
			ours[m.r] = m.g
		}
		ref := face(t, full)
		var buf sfnt.Buffer
		bad := 0
		for r := rune(0); r < 0xFFFF; r++ {
			g, _ := ref.GlyphIndex(&buf, r)
			if int(g) != ours[r] && bad < 5 {
				bad++
				t.Errorf("%s: U+%04X maps to %d, x/image says %d", fc, r, ours[r], g)
			}
		}
		if len(ms) < 100 {
			t.Errorf("%s: only %d characters mapped", fc, len(ms))
		}
	}
}

// TestReadCmapRangeOffsets: format 4 segments that index a glyph array,
// which none of the bundled faces uses.
func TestReadCmapRangeOffsets(t *testing.T) {
	var b []byte
	for _, v := range []uint16{
		0, 1, 3, 1, 0, 12, // cmap header, one (3,1) record at 12
		4, 38, 0, 4, 4, 1, 0, // format 4, two segments
		'c', 0xFFFF, 0, // endCode, reservedPad
		'a', 0xFFFF, // startCode
		1, 1, // idDelta
		4, 0, // idRangeOffset: the first segment reads glyphIdArray
		5, 0, 7, // glyphIdArray
	} {
		b = binary.BigEndian.AppendUint16(b, v)
	}
	ms, err := readCmap(b, 100)
	if err != nil {
		t.Fatal(err)
	}
	if want := []mapping{{'a', 6}, {'c', 8}}; !slices.Equal(ms, want) {
		t.Errorf("got %v, want %v", ms, want)
	}
}
