-- Puts the build of the running interpreter first on the search paths, so
-- the specs test this checkout's module. KHABAR_BUILD overrides the build
-- directory (the sanitizer runs use build/asan-5.4 and build/asan-jit).
local dir = os.getenv("KHABAR_BUILD")
  or ((rawget(_G, "jit") and "build/jit") or "build/" .. _VERSION:match("%d+%.%d+"))
package.cpath = "./" .. dir .. "/?.so;" .. package.cpath
package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path
