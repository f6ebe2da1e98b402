// The card step with real Stripe keys (issue #12, ADR 0030): Stripe's Payment Element collects
// the card in Stripe's own frame, and Stripe.js confirms the intent, then returns to return_url.
// Everything it needs is in the page's data attributes; no inline script (the policy forbids it).
/* global document, window -- a browser script, the one this site has (the card step). */
(function () {
  'use strict';
  var root = document.getElementById('card-step');
  var form = document.getElementById('card-form');
  var errors = document.getElementById('card-errors');
  if (!root || !form || typeof window.Stripe !== 'function') return;
  var data = root.dataset;
  var stripe = window.Stripe(data.publishableKey, { locale: data.locale });
  var elements = stripe.elements({ clientSecret: data.clientSecret });
  elements.create('payment').mount('#payment-element');
  form.hidden = false;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var button = form.querySelector('button');
    if (button) button.disabled = true;
    var confirm = data.kind === 'card_setup' ? stripe.confirmSetup : stripe.confirmPayment;
    confirm.call(stripe, { elements: elements, confirmParams: { return_url: data.returnUrl } }).then(function (result) {
      // Only an error comes back here: a success has already left for return_url.
      if (result.error && errors) errors.textContent = result.error.message || '';
      if (button) button.disabled = false;
    });
  });
})();
