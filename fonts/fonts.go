// Package fonts bundles the TrueType faces offprint sets type with, so the
// binary needs nothing installed. Each family's licence sits beside it.
package fonts

import (
	"embed"
	"fmt"
)

//go:embed *.ttf
var files embed.FS

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

// Bytes returns the raw TrueType data of a bundled face.
func Bytes(f Face) ([]byte, error) {
	b, err := files.ReadFile(string(f))
	if err != nil {
		return nil, fmt.Errorf("bundled font %s: %w", f, err)
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
