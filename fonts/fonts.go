// Package fonts bundles the TrueType faces offprint sets type with, so the
// binary needs nothing installed. Each family's licence sits beside it.
package fonts

import (
	_ "embed" // the faces below
	"fmt"
)

// Each face is its own []byte variable rather than a file of an embed.FS:
// embed.FS.ReadFile copies the file on every call, half a megabyte to
// four, where these slices point straight at the data in the binary.
var (
	//go:embed NotoSerif-Regular.ttf
	serifRegular []byte
	//go:embed NotoSerif-Bold.ttf
	serifBold []byte
	//go:embed NotoSerif-Italic.ttf
	serifItalic []byte
	//go:embed NotoSerif-BoldItalic.ttf
	serifBoldItalic []byte
	//go:embed NotoSans-Regular.ttf
	sansRegular []byte
	//go:embed NotoSans-Bold.ttf
	sansBold []byte
	//go:embed DroidSansFallbackFull.ttf
	cjkFallback []byte
	//go:embed DejaVuSans.ttf
	symbolFallback []byte
)

var files = map[Face][]byte{
	SerifRegular:    serifRegular,
	SerifBold:       serifBold,
	SerifItalic:     serifItalic,
	SerifBoldItalic: serifBoldItalic,
	SansRegular:     sansRegular,
	SansBold:        sansBold,
	CJKFallback:     cjkFallback,
	SymbolFallback:  symbolFallback,
}

// Face names the bundled files by role rather than by family, so a renderer
// asks for "the body italic" and the family can change in one place.
type Face string

const (
	SerifRegular    Face = "NotoSerif-Regular.ttf"
	SerifBold       Face = "NotoSerif-Bold.ttf"
	SerifItalic     Face = "NotoSerif-Italic.ttf"
	SerifBoldItalic Face = "NotoSerif-BoldItalic.ttf"
	SansRegular     Face = "NotoSans-Regular.ttf"
	SansBold        Face = "NotoSans-Bold.ttf"
	// CJKFallback draws the Chinese and Japanese that the Noto faces lack
	// (Droid Sans Fallback, Apache-2.0). It is 4 MB: a renderer should
	// parse it only for a document that needs it.
	CJKFallback Face = "DroidSansFallbackFull.ttf"
	// SymbolFallback draws the arrows, mathematical operators, box drawing
	// and other symbols that none of the above has (DejaVu Sans, Bitstream
	// Vera licence).
	SymbolFallback Face = "DejaVuSans.ttf"
)

// Bytes returns the raw TrueType data of a bundled face. The slice is
// shared by every caller: read it, never write to it.
func Bytes(f Face) ([]byte, error) {
	b, ok := files[f]
	if !ok {
		return nil, fmt.Errorf("bundled font %s: no such face", f)
	}
	return b, nil
}

// MustBytes is Bytes for faces that are known to be bundled; a missing one
// is a build mistake, not a user error.
func MustBytes(f Face) []byte {
	b, err := Bytes(f)
	if err != nil {
		panic(err)
	}
	return b
}
