from django import template

from forebyggelse import formatering

register = template.Library()

register.filter("tal", formatering.tal)
register.filter("kr", formatering.kr)
register.filter("dato", formatering.dato)
register.filter("maaned", formatering.maaned)
register.filter("tidspunkt", formatering.tidspunkt)
register.filter("kort_tidspunkt", formatering.kort_tidspunkt)
register.filter("klokkeslaet", formatering.klokkeslaet)
