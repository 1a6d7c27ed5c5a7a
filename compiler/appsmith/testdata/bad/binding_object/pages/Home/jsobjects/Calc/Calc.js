{{ Input1.text.length * 2 }}
