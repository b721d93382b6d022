//go:build gplpatterns

package assets

import (
	"embed"
	"io/fs"
)

// Built with -tags gplpatterns: the binary also carries the GPL-licensed
// Czech patterns, and is then distributed under the GPL's terms.
//
//go:embed hyph-gpl/*.txt
var gplEmbed embed.FS

var gplHyph fs.FS = gplEmbed
