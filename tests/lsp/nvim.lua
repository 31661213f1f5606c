-- A real client: Neovim (headless) starts `kith lsp` on a journal, opens a
-- file with a typo and checks what a user sees: the diagnostic, the
-- completion items after '@' and the jump to a contact's definition.
-- Run by tests/lsp/nvim.sh with KITH (the binary) and KITH_JOURNAL (a temp
-- copy of the journal) in the environment; writes "ok" or the failure to
-- $KITH_RESULT and quits with status 0 or 1.
local kith = os.getenv("KITH")
local root = os.getenv("KITH_JOURNAL")
local result = os.getenv("KITH_RESULT")
local failures = {}

local function check(cond, what)
  if not cond then
    table.insert(failures, what)
  end
end

local function finish()
  local f = io.open(result, "w")
  if #failures == 0 then
    f:write("ok\n")
  else
    f:write(table.concat(failures, "\n") .. "\n")
  end
  f:close()
  vim.cmd(#failures == 0 and "qall!" or "cquit!")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. root .. "/journal/2026-11.md")
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = "kith",
    cmd = { kith, "--as-of", "2026-11-22", "lsp" },
    root_dir = root,
  })
  check(id ~= nil, "the client started")
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)

  -- the diagnostic of the typo '@alcie' on line 3
  local got = vim.wait(15000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 50)
  check(got, "a diagnostic arrived")
  local d = vim.diagnostic.get(buf)[1] or {}
  check(d.lnum == 2 and d.col == 26, "diagnostic at 3:27, got " ..
    tostring(d.lnum) .. ":" .. tostring(d.col))
  check(d.severity == vim.diagnostic.severity.ERROR, "an error")
  check(d.message and d.message:find("no contact '@alcie'", 1, true),
    "message: " .. tostring(d.message))
  check(d.message and d.message:find("did you mean '@alice'", 1, true),
    "did-you-mean in the message")
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  check(code == "unknown-contact", "code: " .. tostring(code))

  -- completion after '@' (as typed: "@ali" on a new line of the body)
  vim.api.nvim_buf_set_lines(buf, 5, 5, false, { "Met @ali" })
  local r = client.request_sync("textDocument/completion", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 5, character = 8 },
  }, 10000, buf)
  local labels = {}
  for _, item in ipairs((r and r.result and r.result.items) or {}) do
    table.insert(labels, item.label)
  end
  check(table.concat(labels, " ") == "@alice @bob @ines",
    "completion after '@': " .. table.concat(labels, " "))
  vim.api.nvim_buf_set_lines(buf, 5, 6, false, {})

  -- go to definition from '@bob' (line 6 "Talked with 😀 @ines about @bob.")
  local line = vim.api.nvim_buf_get_lines(buf, 5, 6, false)[1]
  local col = line:find("@bob", 1, true)
  vim.api.nvim_win_set_cursor(0, { 6, col })
  vim.lsp.buf.definition()
  local jumped = vim.wait(10000, function()
    return vim.api.nvim_buf_get_name(0):match("contacts%.yaml$") ~= nil
  end, 50)
  check(jumped, "jumped to contacts.yaml")
  local pos = vim.api.nvim_win_get_cursor(0)
  check(pos[1] == 8 and pos[2] == 2, "on bob's key, got " .. pos[1] .. ":" .. pos[2])
  vim.lsp.stop_client(id)
end)
if not ok then
  table.insert(failures, "error: " .. tostring(err))
end
finish()
