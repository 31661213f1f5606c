" kith journals: use the kith compiler in the journal's files, so ':make'
" checks the journal. Install: copy to ~/.vim/ftdetect/.
autocmd BufRead,BufNewFile kith.yaml,contacts.yaml,goals.yaml,events.yaml
      \ compiler kith
autocmd BufRead,BufNewFile */journal/*.md
      \ if filereadable(findfile('kith.yaml', '.;')) | compiler kith | endif
