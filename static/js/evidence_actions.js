// The evidence items' action menus (MOJ button menu) hold the moves as buttons that submit a
// form kept outside the menu (form="move-<id>"). Once the menu starts it turns its buttons into
// type="button", so they no longer submit: this submits the form with the button's choice.
// Without JavaScript the buttons are ordinary submit buttons and this does nothing.
document.addEventListener("click", function (event) {
  const button = event.target.closest(".app-item-actions button[form][name]");
  if (!button || button.type !== "button" || !button.form) return;
  const choice = document.createElement("input");
  choice.type = "hidden";
  choice.name = button.name;
  choice.value = button.value;
  button.form.appendChild(choice);
  button.form.submit();
});
