/* newsctl.c - placeholder main. */
#include <stdio.h>
int main(void)
{
	puts("newsctl " NEWSCTL_VERSION);
	return 0;
}
