<?xml version="1.0" encoding="UTF-8"?>
<!-- Names of Banco Ceiba and its products for US Spanish voices (X-SAMPA, es-US phoneme table). -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="x-sampa" xml:lang="es-US">
  <lexeme>
    <grapheme>Ceiba</grapheme>
    <phoneme>"sej.Ba</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>Quetzal</grapheme>
    <phoneme>ket."sal</phoneme>
  </lexeme>
</lexicon>
