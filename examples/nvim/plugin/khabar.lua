-- khabar for Neovim: :KhabarNormalize, :KhabarEntities, :KhabarEvents,
-- :KhabarSearch and :KhabarClear (see examples/nvim/README.md).
-- Needs the khabar Lua files (lua/khabar/) on 'runtimepath' or package.path
-- and khabar/core.so built for LuaJIT on package.cpath; g:khabar_cpath, when
-- set, is put in front of package.cpath (e.g. "/path/to/khabar/build/jit/?.so").
if vim.g.loaded_khabar then return end
vim.g.loaded_khabar = true -- luacheck: ignore 122 (vim.g is writable)

if vim.g.khabar_cpath and not package.cpath:find(vim.g.khabar_cpath, 1, true) then
  package.cpath = vim.g.khabar_cpath .. ";" .. package.cpath
end

local ok, plugin = pcall(require, "khabar.nvim")
if not ok then
  vim.notify("khabar: cannot load the khabar module: " .. tostring(plugin), vim.log.levels.WARN)
  return
end
plugin.setup()
