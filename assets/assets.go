// Package assets holds the files offprint ships inside its binary: the
// EPUB stylesheet now, hyphenation patterns and cover layouts as they come.
// Embedding keeps the output independent of where offprint is installed.
package assets

import _ "embed"

// EPUBCSS is the stylesheet every EPUB carries as style.css.
//
//go:embed epub.css
var EPUBCSS []byte
