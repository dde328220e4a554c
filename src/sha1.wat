;; SHA-1 (FIPS 180-4), for git blob ids: src/git-blob-id.ts explains why it is not node:crypto.
;; Compiled to WebAssembly at build time (scripts/esbuild-plugins.ts, vitest.config.ts).
;;
;; Memory: [0, 320) the message schedule W, [320, 340) the digest, the message from 512 on.
;; The caller writes the message at 512 and leaves 72 bytes after it for the padding.
(module
  (memory (export "memory") 1)

  ;; WebAssembly loads and stores little-endian; SHA-1's words are big-endian.
  (func $bswap (param $x i32) (result i32)
    (i32.or
      (i32.and (i32.rotl (local.get $x) (i32.const 8)) (i32.const 0x00ff00ff))
      (i32.and (i32.rotr (local.get $x) (i32.const 8)) (i32.const 0xff00ff00))))

  ;; SHA-1 of the $len bytes at 512, padded in place; the digest lands at 320.
  (func (export "sha1") (param $len i32)
    (local $end i32) (local $p i32) (local $i i32) (local $t i32) (local $x i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32)
    (local $h0 i32) (local $h1 i32) (local $h2 i32) (local $h3 i32) (local $h4 i32)
    ;; Padding: a 1 bit, zeros up to 8 bytes short of a 64-byte block, the length in bits.
    (local.set $end
      (i32.add (i32.const 512) (i32.and (i32.add (local.get $len) (i32.const 72)) (i32.const -64))))
    (i32.store8 (i32.add (i32.const 512) (local.get $len)) (i32.const 0x80))
    (memory.fill
      (i32.add (i32.const 513) (local.get $len))
      (i32.const 0)
      (i32.sub (i32.sub (local.get $end) (i32.const 8)) (i32.add (i32.const 513) (local.get $len))))
    (i32.store (i32.sub (local.get $end) (i32.const 8))
      (call $bswap (i32.shr_u (local.get $len) (i32.const 29))))
    (i32.store (i32.sub (local.get $end) (i32.const 4))
      (call $bswap (i32.shl (local.get $len) (i32.const 3))))
    (local.set $h0 (i32.const 0x67452301))
    (local.set $h1 (i32.const 0xefcdab89))
    (local.set $h2 (i32.const 0x98badcfe))
    (local.set $h3 (i32.const 0x10325476))
    (local.set $h4 (i32.const 0xc3d2e1f0))
    (local.set $p (i32.const 512))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ;; W[0..15]: the block's words, big-endian.
        (local.set $i (i32.const 0))
        (loop $load
          (i32.store (local.get $i) (call $bswap (i32.load (i32.add (local.get $p) (local.get $i)))))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br_if $load (i32.lt_u (local.get $i) (i32.const 64))))
        ;; W[16..79] = rotl(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16], 1)
        (loop $expand
          (i32.store (local.get $i)
            (i32.rotl
              (i32.xor
                (i32.xor (i32.load (i32.sub (local.get $i) (i32.const 12)))
                         (i32.load (i32.sub (local.get $i) (i32.const 32))))
                (i32.xor (i32.load (i32.sub (local.get $i) (i32.const 56)))
                         (i32.load (i32.sub (local.get $i) (i32.const 64)))))
              (i32.const 1)))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br_if $expand (i32.lt_u (local.get $i) (i32.const 320))))
        (local.set $a (local.get $h0))
        (local.set $b (local.get $h1))
        (local.set $c (local.get $h2))
        (local.set $d (local.get $h3))
        (local.set $e (local.get $h4))
        ;; 80 rounds in four stages of 20, each with its own function f(b, c, d) and constant:
        ;; t = rotl(a, 5) + f + e + K + W[i]; (a, b, c, d, e) = (t, a, rotl(b, 30), c, d)
        (local.set $i (i32.const 0))
        (loop $choose
          (local.set $t
            (i32.add
              (i32.add (i32.rotl (local.get $a) (i32.const 5)) (local.get $e))
              (i32.add
                (i32.add (i32.load (local.get $i)) (i32.const 0x5a827999))
                ;; choose: (b & c) | (~b & d)
                (i32.or (i32.and (local.get $b) (local.get $c)) (i32.and (i32.xor (local.get $b) (i32.const -1)) (local.get $d))))))
          (local.set $e (local.get $d))
          (local.set $d (local.get $c))
          (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
          (local.set $b (local.get $a))
          (local.set $a (local.get $t))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br_if $choose (i32.lt_u (local.get $i) (i32.const 80))))
        (loop $parity1
          (local.set $t
            (i32.add
              (i32.add (i32.rotl (local.get $a) (i32.const 5)) (local.get $e))
              (i32.add
                (i32.add (i32.load (local.get $i)) (i32.const 0x6ed9eba1))
                ;; parity: b ^ c ^ d
                (i32.xor (i32.xor (local.get $b) (local.get $c)) (local.get $d)))))
          (local.set $e (local.get $d))
          (local.set $d (local.get $c))
          (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
          (local.set $b (local.get $a))
          (local.set $a (local.get $t))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br_if $parity1 (i32.lt_u (local.get $i) (i32.const 160))))
        (loop $majority
          (local.set $t
            (i32.add
              (i32.add (i32.rotl (local.get $a) (i32.const 5)) (local.get $e))
              (i32.add
                (i32.add (i32.load (local.get $i)) (i32.const 0x8f1bbcdc))
                ;; majority: (b & (c | d)) | (c & d)
                (i32.or (i32.and (local.get $b) (i32.or (local.get $c) (local.get $d))) (i32.and (local.get $c) (local.get $d))))))
          (local.set $e (local.get $d))
          (local.set $d (local.get $c))
          (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
          (local.set $b (local.get $a))
          (local.set $a (local.get $t))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br_if $majority (i32.lt_u (local.get $i) (i32.const 240))))
        (loop $parity2
          (local.set $t
            (i32.add
              (i32.add (i32.rotl (local.get $a) (i32.const 5)) (local.get $e))
              (i32.add
                (i32.add (i32.load (local.get $i)) (i32.const 0xca62c1d6))
                ;; parity: b ^ c ^ d
                (i32.xor (i32.xor (local.get $b) (local.get $c)) (local.get $d)))))
          (local.set $e (local.get $d))
          (local.set $d (local.get $c))
          (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
          (local.set $b (local.get $a))
          (local.set $a (local.get $t))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br_if $parity2 (i32.lt_u (local.get $i) (i32.const 320))))
        (local.set $h0 (i32.add (local.get $h0) (local.get $a)))
        (local.set $h1 (i32.add (local.get $h1) (local.get $b)))
        (local.set $h2 (i32.add (local.get $h2) (local.get $c)))
        (local.set $h3 (i32.add (local.get $h3) (local.get $d)))
        (local.set $h4 (i32.add (local.get $h4) (local.get $e)))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $block)))
    (i32.store (i32.const 320) (call $bswap (local.get $h0)))
    (i32.store (i32.const 324) (call $bswap (local.get $h1)))
    (i32.store (i32.const 328) (call $bswap (local.get $h2)))
    (i32.store (i32.const 332) (call $bswap (local.get $h3)))
    (i32.store (i32.const 336) (call $bswap (local.get $h4)))))
