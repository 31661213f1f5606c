" Vim compiler plugin for kith: ':compiler kith' then ':make' runs
" 'kith check' and fills the quickfix list with every diagnostic: file,
" line, column (characters, as kith counts them), error/warning/note, the
" message with its [code], and the help line.
" Install: copy to ~/.vim/compiler/ (Neovim: ~/.config/nvim/compiler/).
if exists('current_compiler')
  finish
endif
let current_compiler = 'kith'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

CompilerSet makeprg=kith\ check
" The first line of a diagnostic is GCC's: FILE:LINE:COL: error: MESSAGE
" [CODE]. Then an excerpt (' 14 | ...', '    |   ^^^'), ignored, and
" '   = help: ...' / '   = note: ...' lines, added to the message. %v
" reads the column as a character count (kith counts characters).
CompilerSet errorformat=
      \%E%f:%l:%v:\ error:\ %m,
      \%W%f:%l:%v:\ warning:\ %m,
      \%I%f:%l:%v:\ note:\ %m,
      \%+C\ \ \ =\ %m,
      \%-C\ %.%#,
      \%-G%.%#

let &cpo = s:cpo_save
unlet s:cpo_save
