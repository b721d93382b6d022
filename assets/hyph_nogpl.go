//go:build !gplpatterns

package assets

import "io/fs"

// The default build leaves the GPL-licensed patterns out; see hyph.go.
var gplHyph fs.FS
