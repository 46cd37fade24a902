from django import template

from forebyggelse import formatering

register = template.Library()

register.filter("tal", formatering.tal)
register.filter("kr", formatering.kr)
register.filter("dato", formatering.dato)
register.filter("tidspunkt", formatering.tidspunkt)
