using CleanLib;
using Newtonsoft.Json;

var order = new Order(42, "widget", 3);
Console.WriteLine(JsonConvert.SerializeObject(order));
Console.WriteLine(PriceCalculator.Total(order, unitPrice: 9.5m));
