import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guessLanguage } from '../../src/understanding/language.js';

test('scripts name their language', () => {
  assert.equal(guessLanguage('أين طلبي؟ لم يصل بعد'), 'ar');
  assert.equal(guessLanguage('איפה ההזמנה שלי?'), 'he');
  assert.equal(guessLanguage('Где мой заказ?'), 'ru');
  assert.equal(guessLanguage('Де моє замовлення? Їх немає'), 'uk');
  assert.equal(guessLanguage('我的订单在哪里'), 'zh');
  assert.equal(guessLanguage('注文はどこですか'), 'ja');
  assert.equal(guessLanguage('주문이 어디에 있나요'), 'ko');
  assert.equal(guessLanguage('Πού είναι η παραγγελία μου;'), 'el');
  assert.equal(guessLanguage('سفارش من کجاست؟ چرا نرسید'), 'fa');
});

test('Latin-script languages by their common words and letters', () => {
  assert.equal(guessLanguage('Where is my order? It has not arrived'), 'en');
  assert.equal(guessLanguage('¿Dónde está mi pedido? No ha llegado'), 'es');
  assert.equal(guessLanguage("Où est ma commande ? Je n'ai rien reçu"), 'fr');
  assert.equal(guessLanguage('Wo ist meine Bestellung? Sie ist noch nicht da'), 'de');
  assert.equal(guessLanguage('Dove è il mio ordine? Non è ancora arrivato'), 'it');
  assert.equal(guessLanguage('Onde está o meu pedido? Ainda não chegou'), 'pt');
  assert.equal(guessLanguage('Waar is mijn bestelling? Het is nog niet binnen'), 'nl');
});

test('"und" when there is too little to go on', () => {
  for (const text of ['', '   ', '😡😡😡', '12345', '#A12345', '!!!', 'x', '\u0000\u0001\u0002', 'ok ok']) {
    assert.equal(guessLanguage(text), 'und', JSON.stringify(text));
  }
});

test('mixed scripts follow the majority; a stray English word does not flip Arabic', () => {
  assert.equal(guessLanguage('طلبي رقم ORD-2024-1182 لم يصل بعد، أرجو المساعدة'), 'ar');
  assert.equal(guessLanguage('My order 注文 is late and where is it'), 'en');
  assert.equal(guessLanguage('مرحبا، بريدي ali@example.com'), 'ar', 'an address is not prose');
  assert.equal(guessLanguage('שלום https://shop.example.com/orders/A12345'), 'he');
});
